import { describe, expect, it } from 'vitest';
import { isActive, podAvailable, podReady } from '../../../../lib/controllers/replicaset/plan.ts';
import { NOW, pod } from './fixtures.ts';

describe('pod predicates', () => {
  it.each([
    ['ready for 100s', pod('a', { ready: 100 }), true, true, true, true],
    ['ready for 5s', pod('a', { ready: 5 }), true, true, true, false],
    ['not ready', pod('a', { ready: false }), true, false, false, false],
    ['terminating', pod('a', { deleting: true }), false, true, true, true],
    ['succeeded', pod('a', { phase: 'Succeeded', ready: false }), false, false, false, false],
    ['failed', pod('a', { phase: 'Failed', ready: false }), false, false, false, false],
  ])('%s', (_name, p, active, ready, availableNow, availableAfter30) => {
    expect(isActive(p)).toBe(active);
    expect(podReady(p)).toBe(ready);
    expect(podAvailable(p, 0, NOW)).toBe(availableNow);
    expect(podAvailable(p, 30, NOW)).toBe(availableAfter30);
  });

  it('a ready pod without a transition time is available only when no wait is asked', () => {
    const p = pod('a');
    p.status!.conditions = [{ type: 'Ready', status: 'True' }];
    expect(podAvailable(p, 0, NOW)).toBe(true);
    expect(podAvailable(p, 1, NOW)).toBe(false);
  });
});
