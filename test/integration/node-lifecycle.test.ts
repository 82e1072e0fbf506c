// Node death through the real pipeline: three simulated agents over HTTPS, the scheduler
// and the node lifecycle controller as queue consumers (grace 3 s, ticks every 500 ms).
// One agent stops: nothing about its node changes in the API any more, yet the ticks
// notice, the node turns Ready=Unknown with both unreachable taints, its pods are evicted
// as their 2 s tolerations run out (with an Event) and forced out once their grace period
// is over, and the other nodes stay Ready. Then the agent comes back and so does its node.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../lib/agent/agent.ts';
import { SimulatedRuntime } from '../../lib/agent/runtimes/simulated-runtime.ts';
import { nodeLifecycleController } from '../../lib/controllers/nodelifecycle/controller.ts';
import { schedulerController } from '../../lib/controllers/scheduler/controller.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';
import { adminClient, condition, podOrGone, startTestAgent } from './agent-support.ts';

const NODES = ['nl-1', 'nl-2', 'nl-3'];
const DEAD = 'nl-2';
const ns = 'default';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
let cluster: TestCluster;
let core: k8s.CoreV1Api;
const agents = new Map<string, Agent>();

function startAgentFor(name: string): Promise<Agent> {
  return startTestAgent(cluster, name, () => new SimulatedRuntime({ nodeName: name, startDelayMs: 100 }), {
    capacity: { cpu: '8', memory: '16Gi', pods: '50' }, leaseRenewMs: 500, pollIntervalMs: 500,
  }).then(({ agent }) => agent);
}

/** A pod pinned to `node` that tolerates an unreachable node for `seconds`, forever, or as admission defaults it (300 s). */
function pod(name: string, node: string, seconds: number | 'forever' | 'default'): k8s.V1Pod {
  const toleration: k8s.V1Toleration = { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' };
  if (typeof seconds === 'number') toleration.tolerationSeconds = seconds;
  return {
    metadata: { name, labels: { test: 'node-lifecycle' } },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': node },
      terminationGracePeriodSeconds: 1,
      ...(seconds === 'default' ? {} : { tolerations: [toleration] }),
      containers: [{ name: 'c', image: 'pause' }],
    },
  };
}

const readyOf = (node: k8s.V1Node) => node.status?.conditions?.find((c) => c.type === 'Ready');

beforeAll(async () => {
  cluster = await startTestCluster({
    reconcilers: (ctx) => [
      schedulerController(ctx, { snapshotTtlMs: 200, retryUnschedulableMs: 1000 }),
      nodeLifecycleController(ctx, { gracePeriodMs: 3000, tickMs: 500 }),
    ],
  });
  core = adminClient(cluster);
  for (const name of NODES) agents.set(name, await startAgentFor(name));
}, 120_000);
afterAll(async () => {
  for (const a of agents.values()) await a.stop();
  await cluster?.stop();
});

describe('node lifecycle', () => {
  it('turns a silent node Unknown and tainted, evicts its pods with an Event, and keeps the others Ready', async () => {
    // The pods elsewhere keep admission's default toleration (300 s): a live node that a
    // starved test machine lets miss its 3 s grace for a moment must not lose them.
    const pods = [pod('victim-a', DEAD, 2), pod('victim-b', DEAD, 2), pod('stays', DEAD, 'forever'), pod('other-1', 'nl-1', 'default'), pod('other-3', 'nl-3', 'default')];
    for (const body of pods) await core.createNamespacedPod({ namespace: ns, body });
    // ContainersReady is the agent's alone (the controller only ever touches Ready).
    await eventually('every pod Running with its containers ready', async () => {
      const list = await core.listNamespacedPod({ namespace: ns, labelSelector: 'test=node-lifecycle' });
      return list.items.length === pods.length && list.items.every((p) => p.status?.phase === 'Running' && condition(p, 'ContainersReady') === 'True');
    });

    await agents.get(DEAD)!.stop();
    agents.delete(DEAD);

    await eventually(`${DEAD} Ready=Unknown with both unreachable taints`, async () => {
      const node = await core.readNode({ name: DEAD });
      const taints = node.spec?.taints ?? [];
      return readyOf(node)?.status === 'Unknown' && ['NoSchedule', 'NoExecute'].every((e) => taints.some((t) => t.key === UNREACHABLE && t.effect === e));
    });
    const dead = await core.readNode({ name: DEAD });
    expect(readyOf(dead)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(dead.status?.conditions?.find((c) => c.type === type)?.status, type).toBe('Unknown');
    }
    for (const t of dead.spec!.taints!.filter((t) => t.key === UNREACHABLE)) expect(t.timeAdded, t.effect).toBeDefined();

    await eventually('the pods that tolerate 2 s evicted and gone', async () =>
      (await podOrGone(core, ns, 'victim-a')) === undefined && (await podOrGone(core, ns, 'victim-b')) === undefined);
    const events = (await core.listNamespacedEvent({ namespace: ns })).items;
    for (const name of ['victim-a', 'victim-b']) {
      const evicted = events.filter((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === name);
      expect(evicted.map((e) => [e.type, e.message]), name).toEqual([['Normal', `Marking for deletion Pod ${ns}/${name}`]]);
    }
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.involvedObject.name === DEAD)).toBe(true);

    // A pod that tolerates unreachable forever stays, marked not ready.
    const stays = await podOrGone(core, ns, 'stays');
    expect(stays?.metadata?.deletionTimestamp).toBeUndefined();
    expect(condition(stays, 'Ready')).toBe('False');

    // The live nodes are Ready and untainted. On a starved machine one may miss its grace
    // for a moment and be marked back at once, hence eventually; its pods must never go.
    await eventually('the other nodes Ready without taints', async () => {
      const others = (await core.listNode()).items.filter((n) => n.metadata?.name !== DEAD);
      return others.length === 2 && others.every((n) => readyOf(n)?.status === 'True' && (n.spec?.taints ?? []).length === 0);
    });
    for (const name of ['other-1', 'other-3']) {
      const p = await podOrGone(core, ns, name);
      expect(p, name).toBeDefined();
      expect(p?.metadata?.deletionTimestamp, name).toBeUndefined();
    }
    expect(events.some((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name?.startsWith('other-'))).toBe(false);
  }, 120_000);

  it('makes the node Ready and untainted again when its agent comes back', async () => {
    agents.set(DEAD, await startAgentFor(DEAD));
    await eventually(`${DEAD} Ready=True without unreachable taints`, async () => {
      const node = await core.readNode({ name: DEAD });
      return readyOf(node)?.status === 'True' && !(node.spec?.taints ?? []).some((t) => t.key === UNREACHABLE);
    });
    await eventually('the pod that stayed Ready again', async () => condition(await podOrGone(core, ns, 'stays'), 'Ready') === 'True');
  }, 60_000);
});
