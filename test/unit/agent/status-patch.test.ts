import { describe, expect, it } from 'vitest';
import type { PodStatus } from 'kubernetes-types/core/v1';
import { statusPatch } from '../../../lib/agent/status-patch.ts';

const notReady: PodStatus = {
  phase: 'Pending',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' },
  ],
};

describe('statusPatch', () => {
  it('clears the reason and message a condition no longer has (they would survive a merge by type)', () => {
    const ready: PodStatus = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    expect(statusPatch(ready, [notReady])).toEqual({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True', reason: null, message: null }] });
  });

  it('leaves conditions the agent does not report alone', () => {
    const patch = statusPatch({ conditions: [{ type: 'Ready', status: 'True' }] }, [notReady]);
    expect((patch['conditions'] as { type: string }[]).map((c) => c.type)).toEqual(['Ready']);
  });

  it('clears top-level keys that went away, from the stored status or the last one sent', () => {
    const patch = statusPatch({ phase: 'Running' }, [{ phase: 'Pending', reason: 'Evicted' }, { phase: 'Pending', message: 'x' }]);
    expect(patch).toEqual({ phase: 'Running', reason: null, message: null });
  });

  it('changes nothing when nothing went away', () => {
    const same: PodStatus = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    expect(statusPatch(same, [same, undefined])).toEqual(same);
  });
});
