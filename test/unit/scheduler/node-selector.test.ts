import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { affinityNodeNames, matchesRequiredAffinity, preferredAffinityScore, preferredNodeAffinity, requiredNodeAffinity } from '../../../lib/scheduler/node-selector.ts';
import { node, pod } from './fixtures.ts';

const n1 = node('node-1', { labels: { disk: 'ssd', cores: '16', gen: 'v2' } });

function requiredPod(terms: NodeSelectorTerm[]) {
  return pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
}

function matches(terms: NodeSelectorTerm[]): boolean {
  return matchesRequiredAffinity(requiredNodeAffinity(requiredPod(terms)), n1);
}

const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });

describe('required node affinity operators', () => {
  const cases: [string, NodeSelectorRequirement, boolean][] = [
    ['In, value present', expr('disk', 'In', ['hdd', 'ssd']), true],
    ['In, value absent', expr('disk', 'In', ['hdd']), false],
    ['In, label missing', expr('gpu', 'In', ['true']), false],
    ['NotIn, value listed', expr('disk', 'NotIn', ['ssd']), false],
    ['NotIn, value not listed', expr('disk', 'NotIn', ['hdd']), true],
    ['NotIn, label missing matches', expr('gpu', 'NotIn', ['true']), true],
    ['Exists, label present', expr('disk', 'Exists'), true],
    ['Exists, label missing', expr('gpu', 'Exists'), false],
    ['DoesNotExist, label missing', expr('gpu', 'DoesNotExist'), true],
    ['DoesNotExist, label present', expr('disk', 'DoesNotExist'), false],
    ['Gt, greater', expr('cores', 'Gt', ['8']), true],
    ['Gt, equal is not greater', expr('cores', 'Gt', ['16']), false],
    ['Gt, label missing', expr('ram', 'Gt', ['1']), false],
    ['Gt, label not an integer', expr('gen', 'Gt', ['1']), false],
    ['Lt, less', expr('cores', 'Lt', ['32']), true],
    ['Lt, equal is not less', expr('cores', 'Lt', ['16']), false],
    ['Lt, negative bound', expr('cores', 'Lt', ['-1']), false],
    ['Gt with a non-integer value never matches', expr('cores', 'Gt', ['eight']), false],
    ['Gt with two values never matches', expr('cores', 'Gt', ['1', '2']), false],
    ['In without values never matches', expr('disk', 'In', []), false],
    ['Exists with values never matches', expr('disk', 'Exists', ['ssd']), false],
    ['an unknown operator never matches', expr('disk', 'Equals', ['ssd']), false],
    ['an invalid key never matches', expr('bad key', 'Exists'), false],
  ];
  it.each(cases)('%s', (_name, requirement, want) => {
    expect(matches([{ matchExpressions: [requirement] }])).toBe(want);
  });
});

describe('required node affinity terms', () => {
  const cases: [string, NodeSelectorTerm[], boolean][] = [
    ['expressions in a term are ANDed', [{ matchExpressions: [expr('disk', 'In', ['ssd']), expr('gpu', 'Exists')] }], false],
    ['terms are ORed', [{ matchExpressions: [expr('gpu', 'Exists')] }, { matchExpressions: [expr('disk', 'In', ['ssd'])] }], true],
    ['an empty term matches nothing', [{}], false],
    ['an empty term does not spoil a matching one', [{}, { matchExpressions: [expr('disk', 'Exists')] }], true],
    ['no terms match nothing', [], false],
    ['a broken term does not spoil a matching one', [{ matchExpressions: [expr('disk', 'Bogus')] }, { matchExpressions: [expr('disk', 'Exists')] }], true],
    ['matchFields metadata.name In', [{ matchFields: [expr('metadata.name', 'In', ['node-1'])] }], true],
    ['matchFields metadata.name In, another node', [{ matchFields: [expr('metadata.name', 'In', ['node-2'])] }], false],
    ['matchFields metadata.name NotIn', [{ matchFields: [expr('metadata.name', 'NotIn', ['node-1'])] }], false],
    ['matchFields needs exactly one value', [{ matchFields: [expr('metadata.name', 'In', ['node-1', 'node-2'])] }], false],
    ['matchFields and matchExpressions are ANDed', [{ matchFields: [expr('metadata.name', 'In', ['node-1'])], matchExpressions: [expr('gpu', 'Exists')] }], false],
  ];
  it.each(cases)('%s', (_name, terms, want) => expect(matches(terms)).toBe(want));

  it('a pod without required affinity matches every node', () => {
    expect(matchesRequiredAffinity(requiredNodeAffinity(pod('p')), n1)).toBe(true);
  });
});

describe('affinityNodeNames (the NodeAffinity PreFilter)', () => {
  const pin = (...names: string[]) => ({ matchFields: [expr('metadata.name', 'In', names)] });
  const cases: [string, NodeSelectorTerm[] | undefined, string[] | undefined][] = [
    ['no affinity: every node', undefined, undefined],
    ['a DaemonSet-style pin', [pin('node-1')], ['node-1']],
    ['pins in several terms are united', [pin('a'), pin('b')], ['a', 'b']],
    ['pins in one term are intersected', [{ matchFields: [expr('metadata.name', 'In', ['a', 'b']), expr('metadata.name', 'In', ['b', 'c'])] }], ['b']],
    ['a term without a pin admits every node', [pin('a'), { matchExpressions: [expr('disk', 'Exists')] }], undefined],
    ['contradicting pins: no node', [{ matchFields: [expr('metadata.name', 'In', ['a']), expr('metadata.name', 'In', ['b'])] }], []],
  ];
  it.each(cases)('%s', (_name, terms, want) => {
    const names = affinityNodeNames(terms ? requiredPod(terms) : pod('p'));
    expect(names === undefined ? undefined : [...names].sort()).toEqual(want);
  });
});

describe('preferred node affinity', () => {
  it('sums the weights of matching terms, skipping weight-0 and broken ones', () => {
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [expr('disk', 'In', ['ssd'])] } },
            { weight: 5, preference: { matchExpressions: [expr('cores', 'Gt', ['8'])] } },
            { weight: 7, preference: { matchExpressions: [expr('gpu', 'Exists')] } },
            { weight: 0, preference: { matchExpressions: [expr('disk', 'Exists')] } },
            { weight: 3, preference: { matchExpressions: [expr('disk', 'Nope')] } },
          ],
        },
      },
    });
    expect(preferredAffinityScore(preferredNodeAffinity(p), n1)).toBe(15);
  });
});
