import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { firstUntoleratedTaint, toleratesTaint } from '../../../lib/scheduler/tolerations.ts';

const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  const cases: [string, Toleration, Taint, boolean][] = [
    ['Exists on the key, any value', { key: 'dedicated', operator: 'Exists' }, gpu, true],
    ['Equal with the same value', { key: 'dedicated', operator: 'Equal', value: 'gpu' }, gpu, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'ssd' }, gpu, false],
    ['no operator means Equal', { key: 'dedicated', value: 'gpu' }, gpu, true],
    ['no operator with another value', { key: 'dedicated', value: 'ssd' }, gpu, false],
    ['Equal without value matches a taint without value', { key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' }, true],
    ['Equal without value against a valued taint', { key: 'dedicated', operator: 'Equal' }, gpu, false],
    ['another key', { key: 'other', operator: 'Exists' }, gpu, false],
    ['empty key with Exists tolerates every taint', { operator: 'Exists' }, gpu, true],
    ['empty key with Exists still honours the effect', { operator: 'Exists', effect: 'NoExecute' }, gpu, false],
    ['the same effect', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, gpu, true],
    ['another effect', { key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }, gpu, false],
    ['empty effect covers NoExecute', { key: 'k', operator: 'Exists' }, { key: 'k', effect: 'NoExecute' }, true],
    ['NoExecute toleration for a NoExecute taint', { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'k', effect: 'NoExecute' }, true],
    ['unknown operator tolerates nothing', { key: 'dedicated', operator: 'Gt', value: 'gpu' }, gpu, false],
  ];
  it.each(cases)('%s', (_name, toleration, taint, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('firstUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', value: '2', effect: 'NoExecute' },
  ];
  it('ignores PreferNoSchedule and reports the first refusing taint in node order', () => {
    expect(firstUntoleratedTaint(taints, [])).toEqual(taints[1]);
    expect(firstUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }])).toEqual(taints[2]);
    expect(firstUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }, { key: 'b', value: '2' }])).toBeUndefined();
  });
});
