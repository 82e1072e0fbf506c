// The pod side of a pass: when each pod on a tainted or silent node is evicted, forced
// out, or marked not ready.
import type { PodCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { evictionDue, planPod, planPods, withPodCondition, type PodPlanInput } from '../../../../lib/controllers/nodelifecycle/eviction.ts';
import { rfc3339 } from '../../../../lib/core/clock.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

// The timeline: T0 is when the node was tainted; times are seconds after it.
const T0 = Date.parse('2026-03-01T12:00:00Z');
const ms = (seconds: number): number => T0 + seconds * 1000;
const at = (seconds: number): string => rfc3339(new Date(ms(seconds)));
const unreachable = (effect: string, addedAt: number): Taint => ({ key: 'node.kubernetes.io/unreachable', effect, timeAdded: at(addedAt) });

/** What DefaultTolerationSeconds admission adds to every pod. */
const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
const READY_POD: PodCondition[] = [
  { type: 'PodScheduled', status: 'True', lastTransitionTime: at(-500) },
  { type: 'Ready', status: 'True', lastTransitionTime: at(-400) },
];

function pod(name: string, opts: { tolerations?: Toleration[]; conditions?: PodCondition[]; created?: string; deletionTimestamp?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: opts.created ?? at(-500),
      ...(opts.deletionTimestamp ? { deletionTimestamp: opts.deletionTimestamp, deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }], tolerations: opts.tolerations ?? DEFAULT_TOLERATIONS },
    status: { phase: 'Running', conditions: opts.conditions ?? READY_POD },
  };
}

const UNREACHABLE_NOEXECUTE = [unreachable('NoExecute', 0)];
const dedicatedNoExecute: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute', timeAdded: at(0) };

describe('evictionDue', () => {
  const cases: { name: string; pod: KubeObject; taints: Taint[]; defaultEvictionMs?: number; want: 'now' | 'never' | number }[] = [
    { name: 'no toleration for the taint: now', pod: pod('p', { tolerations: [] }), taints: UNREACHABLE_NOEXECUTE, want: 'now' },
    { name: 'the admission defaults: 300 s after the taint', pod: pod('p'), taints: UNREACHABLE_NOEXECUTE, want: ms(300) },
    {
      name: 'tolerationSeconds: 2 counts from timeAdded',
      pod: pod('p', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }] }),
      taints: UNREACHABLE_NOEXECUTE, want: ms(2),
    },
    {
      name: 'no tolerationSeconds: tolerated forever',
      pod: pod('p', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }),
      taints: UNREACHABLE_NOEXECUTE, want: 'never',
    },
    {
      name: 'tolerationSeconds 0: now',
      pod: pod('p', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }] }),
      taints: UNREACHABLE_NOEXECUTE, want: 'now',
    },
    {
      name: 'an Exists toleration of everything, forever',
      pod: pod('p', { tolerations: [{ operator: 'Exists' }] }), taints: [...UNREACHABLE_NOEXECUTE, dedicatedNoExecute], want: 'never',
    },
    { name: 'one of two taints not tolerated: now', pod: pod('p'), taints: [...UNREACHABLE_NOEXECUTE, dedicatedNoExecute], want: 'now' },
    {
      name: 'several taints: the first toleration to run out decides',
      pod: pod('p', { tolerations: [{ key: 'dedicated', operator: 'Exists', tolerationSeconds: 60 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 30 }] }),
      taints: [{ ...dedicatedNoExecute, timeAdded: at(-50) }, unreachable('NoExecute', 0)], want: ms(10),
    },
    {
      name: 'a pod created after the taint counts from its creation',
      pod: pod('p', { created: at(100) }), taints: UNREACHABLE_NOEXECUTE, want: ms(400),
    },
    {
      name: 'a taint without timeAdded starts no clock',
      pod: pod('p', { tolerations: [{ key: 'dedicated', operator: 'Exists', tolerationSeconds: 5 }] }),
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }], want: 'never',
    },
    { name: 'defaultEvictionMs stands in for the admission default', pod: pod('p'), taints: UNREACHABLE_NOEXECUTE, defaultEvictionMs: 5000, want: ms(5) },
    {
      name: 'defaultEvictionMs leaves a toleration the pod chose alone',
      pod: pod('p', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 600 }] }),
      taints: UNREACHABLE_NOEXECUTE, defaultEvictionMs: 5000, want: ms(600),
    },
  ];
  it.each(cases)('$name', ({ pod: p, taints, defaultEvictionMs, want }) => {
    expect(evictionDue(p, taints, defaultEvictionMs)).toEqual(want);
  });
});

const silent = (nowSeconds: number): PodPlanInput => ({ noExecute: UNREACHABLE_NOEXECUTE, readyStatus: 'Unknown', agentSilent: true, nowMs: ms(nowSeconds), now: at(nowSeconds) });
const notReadyPod: PodCondition[] = [READY_POD[0]!, { type: 'Ready', status: 'False', lastTransitionTime: at(10) }];
const disruption = (seconds: number): PodCondition => ({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: at(seconds) });
const twoSeconds: Toleration[] = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }];

describe('planPod', () => {
  const cases: { name: string; pod: KubeObject; input: PodPlanInput; want: { conditions?: PodCondition[]; delete?: 'evict' | 'force' } | undefined }[] = [
    {
      name: 'tolerating still: only marked not ready',
      pod: pod('p'), input: silent(10),
      want: { conditions: [READY_POD[0]!, { type: 'Ready', status: 'False', lastTransitionTime: at(10) }] },
    },
    { name: 'tolerating and already not ready: nothing', pod: pod('p', { conditions: notReadyPod }), input: silent(20), want: undefined },
    {
      name: 'toleration ran out: DisruptionTarget, then evicted',
      pod: pod('p', { tolerations: twoSeconds, conditions: notReadyPod }), input: silent(2),
      want: { conditions: [...notReadyPod, disruption(2)], delete: 'evict' },
    },
    {
      name: 'not tolerated at all: not ready, DisruptionTarget and evicted in one pass',
      pod: pod('p', { tolerations: [] }), input: silent(1),
      want: { conditions: [READY_POD[0]!, { type: 'Ready', status: 'False', lastTransitionTime: at(1) }, disruption(1)], delete: 'evict' },
    },
    {
      name: 'terminating within its grace period on a silent node: wait',
      pod: pod('p', { conditions: notReadyPod, deletionTimestamp: at(30) }), input: silent(29), want: undefined,
    },
    {
      name: 'terminating past its grace period on a silent node: forced out',
      pod: pod('p', { conditions: notReadyPod, deletionTimestamp: at(30) }), input: silent(30), want: { delete: 'force' },
    },
    {
      name: 'terminating past its grace period on a node whose agent talks: the agent finishes it',
      pod: pod('p', { conditions: notReadyPod, deletionTimestamp: at(30) }), input: { ...silent(60), agentSilent: false }, want: undefined,
    },
    {
      name: 'a Ready node with no NoExecute taints: nothing',
      pod: pod('p'), input: { noExecute: [], readyStatus: 'True', agentSilent: false, nowMs: ms(5), now: at(5) }, want: undefined,
    },
    {
      name: 'a Ready node with a NoExecute taint the pod does not tolerate: evicted (a taint added by hand)',
      pod: pod('p'), input: { noExecute: [dedicatedNoExecute], readyStatus: 'True', agentSilent: false, nowMs: ms(5), now: at(5) },
      want: { conditions: [...READY_POD, disruption(5)], delete: 'evict' },
    },
  ];
  it.each(cases)('$name', ({ pod: p, input, want }) => {
    const action = planPod(p, input);
    expect(action && { conditions: action.conditions, delete: action.delete }).toEqual(want && { conditions: undefined, delete: undefined, ...want });
  });
});

describe('planPods', () => {
  it('puts deletions first', () => {
    const actions = planPods([pod('keep'), pod('go', { tolerations: [] })], silent(10));
    expect(actions.map((a) => [a.pod.metadata.name, a.delete])).toEqual([['go', 'evict'], ['keep', undefined]]);
  });
});

describe('withPodCondition', () => {
  it('moves lastTransitionTime only when the status changes', () => {
    expect(withPodCondition(READY_POD, { type: 'Ready', status: 'True', reason: 'X' }, at(9))).toEqual([READY_POD[0], { ...READY_POD[1], reason: 'X' }]);
    expect(withPodCondition(READY_POD, { type: 'Ready', status: 'True' }, at(9))).toBeUndefined();
    expect(withPodCondition([], { type: 'DisruptionTarget', status: 'True' }, at(9))).toEqual([{ type: 'DisruptionTarget', status: 'True', lastTransitionTime: at(9) }]);
  });
});
