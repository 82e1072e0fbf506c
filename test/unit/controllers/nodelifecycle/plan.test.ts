// The node side of a pass: planNode (silence, conditions, taints) and the readiness taints.
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newNodeLease } from '../../../../lib/agent/lease.ts';
import { nodeConditions } from '../../../../lib/agent/node-object.ts';
import { planNode, type NodePlan } from '../../../../lib/controllers/nodelifecycle/plan.ts';
import { reconcileReadinessTaints } from '../../../../lib/controllers/nodelifecycle/taints.ts';
import { rfc3339 } from '../../../../lib/core/clock.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

// The timeline: T0 is the agent's last lease renewal; times are seconds after it.
const T0 = Date.parse('2026-03-01T12:00:00Z');
const ms = (seconds: number): number => T0 + seconds * 1000;
const at = (seconds: number): string => rfc3339(new Date(ms(seconds)));

// What the agent last reported, 5 minutes earlier: an unchanged status is re-reported that
// rarely, so the lease is what moves.
const KUBELET_CONDITIONS = nodeConditions(undefined, at(-300));
const withReady = (ready: Partial<NodeCondition>): NodeCondition[] => KUBELET_CONDITIONS.map((c) => (c.type === 'Ready' ? { ...c, ...ready } : c));
const lease = (renewedAt: number): KubeObject => newNodeLease('n1', undefined, new Date(ms(renewedAt))) as unknown as KubeObject;

function node(opts: { conditions?: NodeCondition[]; taints?: Taint[]; created?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'node-uid', creationTimestamp: opts.created ?? at(-3600) },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: { conditions: opts.conditions ?? KUBELET_CONDITIONS },
  };
}

const unreachable = (effect: string, addedAt: number): Taint => ({ key: 'node.kubernetes.io/unreachable', effect, timeAdded: at(addedAt) });
const notReady = (effect: string, addedAt: number): Taint => ({ key: 'node.kubernetes.io/not-ready', effect, timeAdded: at(addedAt) });

const GRACE = { gracePeriodMs: 40_000 };
const dedicated: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

/** Every agent-owned condition as the controller leaves it after the agent went silent at `sinceSeconds`. */
function unknownSince(sinceSeconds: number, from: NodeCondition[] = KUBELET_CONDITIONS): NodeCondition[] {
  return from.map((c) => ({ ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at(sinceSeconds) }));
}

interface Case {
  name: string;
  node: KubeObject;
  lease?: KubeObject;
  now: number;
  want: Partial<NodePlan> & { conditions?: NodeCondition[] | undefined; taints?: Taint[] | undefined };
}

const cases: Case[] = [
  {
    name: 'healthy: a fresh lease leaves the node exactly as the agent reported it',
    node: node(), lease: lease(0), now: 10,
    want: { conditions: undefined, taints: undefined, agentSilent: false, readyStatus: 'True', becameNotReady: false, noExecute: [], podsNeedAttention: false },
  },
  {
    name: 'healthy at exactly the grace period (kube: silent only after it)',
    node: node(), lease: lease(0), now: 40,
    want: { conditions: undefined, taints: undefined, agentSilent: false },
  },
  {
    name: 'stale lease: every agent condition Unknown, both unreachable taints with timeAdded',
    node: node(), lease: lease(0), now: 41,
    want: {
      conditions: unknownSince(41), taints: [unreachable('NoSchedule', 41), unreachable('NoExecute', 41)],
      agentSilent: true, readyStatus: 'Unknown', becameNotReady: true, noExecute: [unreachable('NoExecute', 41)], podsNeedAttention: true,
    },
  },
  {
    name: 'stale lease on a node with its own taints: they are kept, in order',
    node: node({ taints: [dedicated] }), lease: lease(0), now: 60,
    want: { taints: [dedicated, unreachable('NoSchedule', 60), unreachable('NoExecute', 60)] },
  },
  {
    name: 'still silent and already marked: nothing to write, taints keep their timeAdded',
    node: node({ conditions: unknownSince(41), taints: [unreachable('NoSchedule', 41), unreachable('NoExecute', 41)] }), lease: lease(0), now: 500,
    want: { conditions: undefined, taints: undefined, agentSilent: true, readyStatus: 'Unknown', becameNotReady: false, noExecute: [unreachable('NoExecute', 41)], podsNeedAttention: true },
  },
  {
    name: 'recovered: the agent reports Ready=True again, so the unreachable taints go',
    node: node({ conditions: withReady({ lastHeartbeatTime: at(100) }), taints: [dedicated, unreachable('NoSchedule', 41), unreachable('NoExecute', 41)] }), lease: lease(100), now: 101,
    want: { conditions: undefined, taints: [dedicated], agentSilent: false, readyStatus: 'True', noExecute: [], podsNeedAttention: false },
  },
  {
    name: 'recovered to no taints at all: an empty list',
    node: node({ taints: [unreachable('NoSchedule', 41), unreachable('NoExecute', 41)] }), lease: lease(100), now: 101,
    want: { taints: [] },
  },
  {
    name: 'lease renewed but Ready not reported yet: taints stay until the agent says Ready',
    node: node({ conditions: unknownSince(41), taints: [unreachable('NoSchedule', 41), unreachable('NoExecute', 41)] }), lease: lease(100), now: 101,
    want: { conditions: undefined, taints: undefined, agentSilent: false, readyStatus: 'Unknown', podsNeedAttention: true },
  },
  {
    name: 'no lease: the Ready heartbeat counts',
    node: node({ conditions: withReady({ lastHeartbeatTime: at(0) }) }), now: 30,
    want: { agentSilent: false, conditions: undefined },
  },
  {
    name: 'no lease and an old Ready heartbeat: silent',
    node: node({ conditions: withReady({ lastHeartbeatTime: at(0) }) }), now: 41,
    want: { agentSilent: true, readyStatus: 'Unknown' },
  },
  {
    name: 'a node that never reported is given the grace period from its creation',
    node: node({ conditions: [], created: at(-10) }), now: 0,
    want: { conditions: undefined, taints: undefined, agentSilent: false, readyStatus: undefined, podsNeedAttention: false },
  },
  {
    name: 'a node that never reported, past the grace period: conditions added as never updated',
    node: node({ conditions: [], created: at(-100) }), now: 0,
    want: {
      conditions: ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({
        type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastTransitionTime: at(0), lastHeartbeatTime: at(-100),
      })),
      taints: [unreachable('NoSchedule', 0), unreachable('NoExecute', 0)], becameNotReady: false,
    },
  },
  {
    name: 'the agent reports Ready=False: not-ready taints replace unreachable ones',
    node: node({ conditions: withReady({ status: 'False', lastHeartbeatTime: at(0) }), taints: [unreachable('NoSchedule', -50), unreachable('NoExecute', -50)] }), lease: lease(0), now: 5,
    want: { conditions: undefined, taints: [notReady('NoSchedule', 5), notReady('NoExecute', 5)], agentSilent: false, readyStatus: 'False', podsNeedAttention: true },
  },
];

describe('planNode', () => {
  it.each(cases)('$name', ({ node: n, lease: l, now, want }) => {
    const plan = planNode(n, l, ms(now), GRACE);
    for (const [field, value] of Object.entries(want)) expect(plan[field as keyof NodePlan], field).toEqual(value);
  });

  it('keeps the heartbeat times, so they still say when the agent last spoke', () => {
    const plan = planNode(node(), lease(0), ms(60), GRACE);
    expect(plan.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ lastHeartbeatTime: at(-300), lastTransitionTime: at(60) });
  });

  it('leaves conditions the agent does not own alone', () => {
    const network: NodeCondition = { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated', lastTransitionTime: at(-900) };
    const plan = planNode(node({ conditions: [...KUBELET_CONDITIONS, network] }), lease(0), ms(60), GRACE);
    expect(plan.conditions?.find((c) => c.type === 'NetworkUnavailable')).toEqual(network);
  });
});

const user: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' };
const userPrefer: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'PreferNoSchedule' };

describe('reconcileReadinessTaints', () => {
  const cases: { name: string; current: Taint[]; ready: string | undefined; want: Taint[] | undefined }[] = [
    { name: 'Ready=True, no taints: unchanged', current: [], ready: 'True', want: undefined },
    { name: 'Ready=Unknown: both unreachable taints, stamped now', current: [], ready: 'Unknown', want: [unreachable('NoSchedule', 7), unreachable('NoExecute', 7)] },
    { name: 'Ready=Unknown, already tainted: unchanged', current: [unreachable('NoSchedule', 1), unreachable('NoExecute', 1)], ready: 'Unknown', want: undefined },
    { name: 'Ready=Unknown, one missing: only it is added', current: [unreachable('NoExecute', 1)], ready: 'Unknown', want: [unreachable('NoExecute', 1), unreachable('NoSchedule', 7)] },
    { name: 'Ready=False swaps unreachable for not-ready', current: [user, unreachable('NoSchedule', 1), unreachable('NoExecute', 1)], ready: 'False', want: [user, notReady('NoSchedule', 7), notReady('NoExecute', 7)] },
    { name: 'Ready=True removes the readiness taints and nothing else', current: [user, notReady('NoExecute', 1), userPrefer], ready: 'True', want: [user, userPrefer] },
    { name: 'no Ready condition: left alone', current: [notReady('NoSchedule', 1)], ready: undefined, want: undefined },
  ];
  it.each(cases)('$name', ({ current, ready, want }) => {
    expect(reconcileReadinessTaints(current, ready, at(7))).toEqual(want);
  });
});
