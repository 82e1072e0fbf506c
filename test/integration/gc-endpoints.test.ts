// The garbage collector and the endpoints controller through the real pipeline: writes
// to DynamoDB Local, its stream, the fanout, SQS queues and the two reconcilers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsController } from '../../lib/controllers/endpoints/controller.ts';
import { garbageCollectorController } from '../../lib/controllers/garbagecollector/controller.ts';
import { NotFoundError } from '../../lib/api/errors.ts';
import { listReservations } from '../../lib/registry/clusterip/ip-reservations.ts';
import { createObject } from '../../lib/registry/generic/create.ts';
import { deleteObject } from '../../lib/registry/generic/delete.ts';
import { updateFrom } from '../../lib/registry/generic/update.ts';
import { bindPod } from '../../lib/registry/subresources/binding.ts';
import type { RegistryContext } from '../../lib/registry/generic/context.ts';
import type { ResourceType } from '../../lib/registry/resource-type.ts';
import type { KubeObject } from '../../lib/storage/object-store.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';

let cluster: TestCluster;
let ctx: RegistryContext;
let pods: ResourceType;
let replicaSets: ResourceType;
let services: ResourceType;
let endpoints: ResourceType;
const NS = 'default';

beforeAll(async () => {
  cluster = await startTestCluster({ reconcilers: (c) => [garbageCollectorController(c), endpointsController(c)] });
  ctx = cluster.deps.ctx;
  pods = ctx.registry.lookup('', 'v1', 'pods')!;
  replicaSets = ctx.registry.lookup('apps', 'v1', 'replicasets')!;
  services = ctx.registry.lookup('', 'v1', 'services')!;
  endpoints = ctx.registry.lookup('', 'v1', 'endpoints')!;
});
afterAll(async () => {
  await cluster?.stop();
});

async function get(type: ResourceType, name: string): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get({ resource: type, namespace: NS, name });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function replicaSetWithPods(name: string, count: number): Promise<{ rs: KubeObject; podNames: string[] }> {
  const rs = await createObject(ctx, replicaSets, {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: NS },
    spec: { replicas: count, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
  const podNames = Array.from({ length: count }, (_, i) => `${name}-${i}`);
  for (const p of podNames) {
    await createObject(ctx, pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: p, namespace: NS, labels: { app: name }, ownerReferences: [ref] }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  }
  return { rs, podNames };
}

async function existing(names: readonly string[]): Promise<KubeObject[]> {
  return (await Promise.all(names.map((n) => get(pods, n)))).filter((p): p is KubeObject => p !== undefined);
}

describe('garbage collection', () => {
  it('Background: deleting the owner removes its dependents', async () => {
    const { podNames } = await replicaSetWithPods('bg', 3);
    expect((await deleteObject(ctx, replicaSets, { resource: replicaSets, namespace: NS, name: 'bg' })).deleted).toBe(true);
    await eventually('the pods of a deleted ReplicaSet to be collected', async () => (await existing(podNames)).length === 0, 60_000);
  });

  it('Orphan: the owner goes and its dependents stay, without the reference', async () => {
    const { podNames } = await replicaSetWithPods('orphan', 2);
    const marked = await deleteObject(ctx, replicaSets, { resource: replicaSets, namespace: NS, name: 'orphan' }, { propagationPolicy: 'Orphan' });
    expect(marked.deleted).toBe(false);
    expect(marked.object.metadata.finalizers).toEqual(['orphan']);
    await eventually('the orphaning ReplicaSet to go', async () => (await get(replicaSets, 'orphan')) === undefined, 60_000);
    const left = await existing(podNames);
    expect(left).toHaveLength(2);
    expect(left.map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined]);
  });

  it('Foreground: the dependents go first, and the owner waits for a blocking one', async () => {
    const { podNames } = await replicaSetWithPods('fg', 3);
    // One pod on a node: it terminates gracefully, so the owner must visibly wait for it.
    await bindPod(ctx, pods, { resource: pods, namespace: NS, name: 'fg-0' }, { target: { kind: 'Node', name: 'node-a' } });
    const marked = await deleteObject(ctx, replicaSets, { resource: replicaSets, namespace: NS, name: 'fg' }, { propagationPolicy: 'Foreground' });
    expect(marked.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(marked.object.metadata.deletionTimestamp).toBeDefined();

    await eventually('the unbound pods to go and the bound one to terminate', async () => {
      const left = await existing(podNames);
      return left.length === 1 && left[0]!.metadata.name === 'fg-0' && left[0]!.metadata.deletionTimestamp !== undefined;
    }, 60_000);
    expect((await get(replicaSets, 'fg'))?.metadata.finalizers).toEqual(['foregroundDeletion']);

    // Its node confirms the pod stopped; only then does the owner go.
    await deleteObject(ctx, pods, { resource: pods, namespace: NS, name: 'fg-0' }, { gracePeriodSeconds: 0 });
    await eventually('the foreground owner to go once its dependents are gone', async () => (await get(replicaSets, 'fg')) === undefined, 60_000);
  });
});

describe('Service → Endpoints', () => {
  async function setStatus(name: string, ip: string, ready: boolean): Promise<void> {
    for (;;) {
      const current = (await get(pods, name))!;
      const status = { ...(current['status'] as object), phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
      try {
        await updateFrom(ctx, pods, current, { ...current, status }, { subresource: 'status' });
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 409) throw err;
      }
    }
  }

  async function addresses(): Promise<{ ready: string[]; notReady: string[] } | undefined> {
    const ep = await get(endpoints, 'web');
    if (!ep) return undefined;
    const subsets = (ep['subsets'] ?? []) as { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[];
    return {
      ready: subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort(),
      notReady: subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)).sort(),
    };
  }

  const is = (want: { ready: string[]; notReady: string[] }) => async () => JSON.stringify(await addresses()) === JSON.stringify(want);

  it('follows pod readiness', async () => {
    const svc = await createObject(ctx, services, {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: NS },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    expect((svc['spec'] as { clusterIP?: string }).clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    for (const name of ['web-a', 'web-b']) {
      await createObject(ctx, pods, {
        apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS, labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
      });
    }
    await eventually('empty Endpoints for the Service', is({ ready: [], notReady: [] }), 60_000);

    await setStatus('web-a', '10.1.0.1', false);
    await setStatus('web-b', '10.1.0.2', true);
    await eventually('one ready and one not-ready address', is({ ready: ['10.1.0.2'], notReady: ['10.1.0.1'] }), 60_000);
    const ep = (await get(endpoints, 'web'))!;
    expect((ep['subsets'] as { ports: unknown[] }[])[0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);

    await setStatus('web-a', '10.1.0.1', true);
    await eventually('both addresses ready', is({ ready: ['10.1.0.1', '10.1.0.2'], notReady: [] }), 60_000);
    await setStatus('web-b', '10.1.0.2', false);
    await eventually('the unready pod to move to notReadyAddresses', is({ ready: ['10.1.0.1'], notReady: ['10.1.0.2'] }), 60_000);

    await deleteObject(ctx, pods, { resource: pods, namespace: NS, name: 'web-a' });
    await eventually('a deleted pod to leave the Endpoints', is({ ready: [], notReady: ['10.1.0.2'] }), 60_000);

    await deleteObject(ctx, services, { resource: services, namespace: NS, name: 'web' });
    await eventually('the Endpoints of a deleted Service to go', async () => (await get(endpoints, 'web')) === undefined, 60_000);
  });

  it('gives 20 concurrently created Services 20 different ClusterIPs', async () => {
    // A range barely larger than the demand, so concurrent allocations really collide.
    const previous = ctx.serviceClusterIPRange;
    ctx.serviceClusterIPRange = '10.0.0.0/27';
    try {
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createObject(ctx, services, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: `many-${i}`, namespace: NS }, spec: { selector: { app: `many-${i}` }, ports: [{ port: 80 }] },
      })));
      const ips = created.map((s) => (s['spec'] as { clusterIP: string }).clusterIP);
      expect(new Set(ips).size).toBe(20);
      expect(ips.every((ip) => /^10\.0\.0\.([2-9]|[12]\d|30)$/.test(ip))).toBe(true);
      const reserved = (await listReservations(ctx.store)).filter((r) => r.parent?.name.startsWith('many-'));
      expect(reserved.map((r) => r.ip).sort()).toEqual([...ips].sort());
    } finally {
      ctx.serviceClusterIPRange = previous;
    }
  });
});
