// The reconciler over the in-memory store with a clock the test moves: what it writes
// through the registry at each point of a node's death and return.
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeLifecycleController } from '../../../../lib/controllers/nodelifecycle/controller.ts';
import { randomIds } from '../../../../lib/core/ids.ts';
import type { Reconciler } from '../../../../lib/pipeline/reconciler.ts';
import { ensureBootstrapNamespaces } from '../../../../lib/registry/bootstrap.ts';
import { builtinRegistry } from '../../../../lib/registry/builtin.ts';
import type { RegistryContext } from '../../../../lib/registry/generic/context.ts';
import { createObject } from '../../../../lib/registry/generic/create.ts';
import { deleteObject } from '../../../../lib/registry/generic/delete.ts';
import { updateFrom } from '../../../../lib/registry/generic/update.ts';
import { MemoryStore } from '../../../../lib/storage/memory-store.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import { newNodeLease } from '../../../../lib/agent/lease.ts';
import { nodeConditions } from '../../../../lib/agent/node-object.ts';
import { rfc3339 } from '../../../../lib/core/clock.ts';

// The timeline: T0 is the agent's last lease renewal; times are seconds after it.
const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (seconds: number): string => rfc3339(new Date(T0 + seconds * 1000));
const lease = (renewedAt: number): KubeObject => newNodeLease('n1', undefined, new Date(T0 + renewedAt * 1000)) as unknown as KubeObject;
const KUBELET_CONDITIONS = nodeConditions(undefined, at(-300));
const READY_POD = [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(-500) }, { type: 'Ready', status: 'True', lastTransitionTime: at(-400) }];

const NODES = { group: '', resource: 'nodes' };
const PODS = { group: '', resource: 'pods' };
const KEY = { group: '', resource: 'nodes', name: 'n1' };

let clock: { ms: number; now(): Date };
let ctx: RegistryContext;
let controller: Reconciler;

const type = (resource: string) => ctx.registry.all().find((t) => t.resource === resource)!;
const reconcileAt = (seconds: number) => {
  clock.ms = T0 + seconds * 1000;
  return controller.reconcile(KEY, new AbortController().signal);
};
const getNode = () => ctx.store.get({ resource: NODES, name: 'n1' });
const podNamed = async (name: string): Promise<KubeObject | undefined> => (await ctx.store.list(PODS, { namespace: 'default' })).items.find((p) => p.metadata.name === name);
const events = async (reason: string) => (await ctx.store.list({ group: '', resource: 'events' }, { namespace: 'default' })).items.filter((e) => e['reason'] === reason);

async function addPod(name: string, tolerations?: unknown[]): Promise<void> {
  const created = await createObject(ctx, type('pods'), {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { nodeName: 'n1', terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'x' }], ...(tolerations ? { tolerations } : {}) },
  });
  await updateFrom(ctx, type('pods'), created, { ...created, status: { phase: 'Running', conditions: READY_POD } }, { subresource: 'status' });
}

beforeEach(async () => {
  clock = { ms: T0 - 3600_000, now: () => new Date(clock.ms) };
  ctx = { store: new MemoryStore({ clock, ids: randomIds }), registry: builtinRegistry(), clock, ids: randomIds };
  await ensureBootstrapNamespaces(ctx);
  await createObject(ctx, type('nodes'), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { conditions: KUBELET_CONDITIONS } });
  clock.ms = T0;
  await createObject(ctx, type('leases'), lease(0));
  await addPod('short', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }]);
  await addPod('forever', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
  await addPod('defaulted');
  controller = nodeLifecycleController(ctx, { gracePeriodMs: 40_000, tickMs: 500 });
});

describe('node lifecycle controller', () => {
  it('leaves a healthy node alone and keeps ticking, once per tick', async () => {
    const before = await getNode();
    expect(await reconcileAt(10)).toEqual({ requeueAfterMs: 500 });
    // A lease renewal between ticks: the pending tick covers it.
    expect(await reconcileAt(10.2)).toEqual({});
    expect(await reconcileAt(10.5)).toEqual({ requeueAfterMs: 500 });
    expect(await getNode()).toEqual(before);
  });

  it('marks a silent node Unknown and tainted, evicts as tolerations run out, forces out what its agent cannot finish', async () => {
    expect(await reconcileAt(41)).toEqual({ requeueAfterMs: 500 });
    const node = await getNode();
    const ready = ((node['status'] as { conditions: NodeCondition[] }).conditions).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at(41) });
    expect((node['spec'] as { taints: Taint[] }).taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(41) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(41) },
    ]);
    expect(await events('NodeNotReady')).toHaveLength(1);
    for (const name of ['short', 'forever', 'defaulted']) {
      const p = await podNamed(name);
      expect((p?.['status'] as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status, name).toBe('False');
      expect(p?.metadata.deletionTimestamp, name).toBeUndefined();
    }

    // 2 s after the taint: the short toleration ran out.
    await reconcileAt(43.5);
    const short = await podNamed('short');
    expect(short?.metadata.deletionTimestamp).toBe(at(48)); // 43.5 + 5 s, at metav1.Time's whole seconds
    expect((short?.['status'] as { conditions: { type: string; reason?: string }[] }).conditions.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    const evictions = await events('TaintManagerEviction');
    expect(evictions.map((e) => [e['message'], e['type'], (e['source'] as { component: string }).component])).toEqual([['Marking for deletion Pod default/short', 'Normal', 'taint-eviction-controller']]);

    // Its grace period passes with nobody to confirm it: gone for good.
    await reconcileAt(47.5);
    expect(await podNamed('short')).toBeDefined();
    await reconcileAt(48);
    expect(await podNamed('short')).toBeUndefined();

    // The admission default: five minutes after the taint.
    await reconcileAt(340);
    expect((await podNamed('defaulted'))?.metadata.deletionTimestamp).toBeUndefined();
    await reconcileAt(341.5);
    expect((await podNamed('defaulted'))?.metadata.deletionTimestamp).toBeDefined();
    await reconcileAt(400);
    expect(await podNamed('defaulted')).toBeUndefined();
    expect((await podNamed('forever'))?.metadata.deletionTimestamp).toBeUndefined();
    expect(await events('NodeNotReady')).toHaveLength(1);
  });

  it('defaultEvictionMs shortens the admission default', async () => {
    controller = nodeLifecycleController(ctx, { gracePeriodMs: 40_000, tickMs: 500, defaultEvictionMs: 5000 });
    await reconcileAt(41);
    await reconcileAt(46.5);
    expect((await podNamed('defaulted'))?.metadata.deletionTimestamp).toBeDefined();
    expect((await podNamed('forever'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('takes the taints off a node that is back and Ready', async () => {
    await reconcileAt(41);
    // The agent returns: renews its lease and reports Ready=True again.
    const l = await ctx.store.get({ resource: { group: 'coordination.k8s.io', resource: 'leases' }, namespace: 'kube-node-lease', name: 'n1' });
    await updateFrom(ctx, type('leases'), l, { ...l, spec: lease(60)['spec'] });
    let node = await getNode();
    expect(await reconcileAt(60.1)).toEqual({ requeueAfterMs: 500 });
    expect((await getNode())['spec']).toEqual(node['spec']); // not Ready yet: the taints stay
    node = await getNode();
    await updateFrom(ctx, type('nodes'), node, { ...node, status: { conditions: KUBELET_CONDITIONS.map((c) => ({ ...c, lastHeartbeatTime: at(60) })) } }, { subresource: 'status' });
    await reconcileAt(61);
    expect((await getNode())['spec']).toEqual({});
  });

  it('stops ticking for a node that is gone', async () => {
    await deleteObject(ctx, type('nodes'), { resource: type('nodes'), name: 'n1' });
    expect(await reconcileAt(10)).toEqual({});
  });

  it('acts on at most maxPodActionsPerPass pods per pass', async () => {
    controller = nodeLifecycleController(ctx, { gracePeriodMs: 40_000, tickMs: 500, maxPodActionsPerPass: 1 });
    await reconcileAt(41);
    const notReady = async () => (await ctx.store.list(PODS, { namespace: 'default' })).items
      .filter((p) => (p['status'] as { conditions: { type: string; status: string }[] }).conditions.some((c) => c.type === 'Ready' && c.status === 'False')).length;
    expect(await notReady()).toBe(1);
    await reconcileAt(41.5);
    expect(await notReady()).toBe(2);
  });
});
