import { describe, expect, it } from 'vitest';
import { replicaSetController } from '../../../../lib/controllers/replicaset/controller.ts';
import { slotSuffix } from '../../../../lib/controllers/replicaset/pod-names.ts';
import { MemoryQueueMetrics } from '../../../../lib/observability/queue-metrics.ts';
import { createQueueHandler } from '../../../../lib/pipeline/queue-handler.ts';
import type { RegistryContext } from '../../../../lib/registry/generic/context.ts';
import type { KubeObject, ObjectStore } from '../../../../lib/storage/object-store.ts';
import { FakeWorkQueue } from '../../../support/fake-queue.ts';
import { testApi, type TestApi } from '../../../support/test-api.ts';
import {
  events, markReady, podManifest, pods, podsOwnedBy, RSS, rsManifest, signal, sqsRecord, staleReads,
} from './controller-support.ts';

const rsKey = (name: string) => ({ group: 'apps', resource: 'replicasets', namespace: 'default', name });
const podKey = (name: string) => ({ group: '', resource: 'pods', namespace: 'default', name });

async function setup(name: string, replicas: number, extra: Parameters<typeof rsManifest>[2] = {}): Promise<{ api: TestApi; ctx: RegistryContext; rs: KubeObject }> {
  const api = await testApi();
  const res = await api.call('POST', '/apis/apps/v1/namespaces/default/replicasets', rsManifest(name, replicas, extra));
  expect(res.status).toBe(201);
  return { api, ctx: api.ctx, rs: res.body as KubeObject };
}

async function readRs(ctx: RegistryContext, name: string): Promise<KubeObject> {
  return ctx.store.get({ resource: RSS, namespace: 'default', name });
}

describe('replicaset controller', () => {
  it('creates the missing pods under deterministic names, owned by the ReplicaSet, and reports them', async () => {
    const { ctx, rs } = await setup('web', 3);
    const controller = replicaSetController(ctx);
    expect(await controller.reconcile(rsKey('web'), signal)).toEqual({});

    const created = await pods(ctx);
    const uid = rs.metadata.uid!;
    expect(created.map((p) => p.metadata.name).sort()).toEqual([0, 1, 2].map((slot) => `web-${slotSuffix(uid, slot)}`).sort());
    for (const pod of created) {
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.generateName).toBe('web-');
    }
    const createdEvents = await events(ctx, 'SuccessfulCreate');
    expect(createdEvents.map((e) => e['message']).sort()).toEqual(created.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(createdEvents[0]).toMatchObject({ type: 'Normal', source: { component: 'replicaset-controller' }, involvedObject: { kind: 'ReplicaSet', name: 'web', uid } });

    // The pod changes bring the key round again: now the status counts them.
    await controller.reconcile(rsKey('web'), signal);
    const after = await readRs(ctx, 'web');
    // Zero counters are omitempty (readyReplicas, availableReplicas); replicas is not.
    expect(after['status']).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    // Nothing changed: no status write (the resourceVersion stays).
    await controller.reconcile(rsKey('web'), signal);
    expect((await readRs(ctx, 'web')).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
    expect(await pods(ctx)).toHaveLength(3);
  });

  it('never makes extra pods when the same key is reconciled several times at once', async () => {
    const { ctx, rs } = await setup('web', 3);
    const controller = replicaSetController(ctx);
    // As if five containers received copies of one message (or a resync raced a change).
    await Promise.all(Array.from({ length: 5 }, () => replicaSetController(ctx).reconcile(rsKey('web'), signal)));
    expect(await podsOwnedBy(ctx, rs.metadata.uid)).toHaveLength(3);
    await controller.reconcile(rsKey('web'), signal);
    expect(await podsOwnedBy(ctx, rs.metadata.uid)).toHaveLength(3);
    // One event per pod actually created, none for the duplicates' AlreadyExists.
    expect((await events(ctx, 'SuccessfulCreate')).map((e) => e['count'])).toEqual([1, 1, 1]);
  });

  it('never makes extra pods when a replay plans from a stale view of the pods', async () => {
    const { ctx, rs } = await setup('web', 3);
    const before = await staleReads(ctx, { group: '', resource: 'pods' });
    await replicaSetController(ctx).reconcile(rsKey('web'), signal);
    // The replay still sees no pods, wants three, computes the same three names and is refused.
    expect(await replicaSetController(before).reconcile(rsKey('web'), signal)).toEqual({});
    expect(await podsOwnedBy(ctx, rs.metadata.uid)).toHaveLength(3);
  });

  it('never makes extra pods when the queue handler receives the same message twice', async () => {
    const { ctx, rs } = await setup('web', 4);
    const deps = { queue: new FakeWorkQueue(), metrics: new MemoryQueueMetrics(), clock: ctx.clock, log: () => undefined };
    const first = createQueueHandler(replicaSetController(ctx), deps);
    const second = createQueueHandler(replicaSetController(ctx), deps);
    const results = await Promise.all([
      first({ Records: [sqsRecord('1', 'apps/replicasets/default/web')] }),
      second({ Records: [sqsRecord('1', 'apps/replicasets/default/web')] }),
      first({ Records: [sqsRecord('2', 'apps/replicasets/default/web'), sqsRecord('3', 'apps/replicasets/default/web')] }),
    ]);
    expect(results.every((r) => r.batchItemFailures.length === 0)).toBe(true);
    expect(await podsOwnedBy(ctx, rs.metadata.uid)).toHaveLength(4);
  });

  it('does not reuse the name of a terminating pod and replaces it', async () => {
    const { api, ctx, rs } = await setup('web', 2);
    const controller = replicaSetController(ctx);
    await controller.reconcile(rsKey('web'), signal);
    const [victim] = await pods(ctx);
    // A finalizer keeps the deleted pod around as terminating.
    await api.call('PATCH', `/api/v1/namespaces/default/pods/${victim!.metadata.name}`, { metadata: { finalizers: ['test/hold'] } }, { 'content-type': 'application/merge-patch+json' });
    await api.call('DELETE', `/api/v1/namespaces/default/pods/${victim!.metadata.name}`);
    await controller.reconcile(rsKey('web'), signal);
    const all = await podsOwnedBy(ctx, rs.metadata.uid);
    expect(all).toHaveLength(3);
    expect(all.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    expect(all.map((p) => p.metadata.name)).toContain(`web-${slotSuffix(rs.metadata.uid!, 2)}`);
  });

  it('deletes surplus pods, not-ready ones first, and records each deletion', async () => {
    const { api, ctx, rs } = await setup('web', 3);
    const controller = replicaSetController(ctx);
    await controller.reconcile(rsKey('web'), signal);
    const [a, b, c] = (await pods(ctx)).map((p) => p.metadata.name!);
    await markReady(ctx, a!);
    await markReady(ctx, b!);
    await api.call('PATCH', '/apis/apps/v1/namespaces/default/replicasets/web', { spec: { replicas: 1 } }, { 'content-type': 'application/merge-patch+json' });
    await controller.reconcile(rsKey('web'), signal);
    const left = await podsOwnedBy(ctx, rs.metadata.uid);
    expect(left).toHaveLength(1);
    expect([a, b]).toContain(left[0]!.metadata.name);
    const deleted = (await events(ctx, 'SuccessfulDelete')).map((e) => e['message']);
    expect(deleted).toHaveLength(2);
    expect(deleted).toContain(`Deleted pod: ${c}`);
  });

  it('adopts a matching orphan through the pod key, then counts it', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces/default/pods', podManifest('stray', { app: 'web' }));
    const rs = (await api.call('POST', '/apis/apps/v1/namespaces/default/replicasets', rsManifest('web', 2))).body as KubeObject;
    const controller = replicaSetController(api.ctx);
    expect(await controller.reconcile(podKey('stray'), signal)).toEqual({});
    const stray = await api.ctx.store.get({ resource: { group: '', resource: 'pods' }, namespace: 'default', name: 'stray' });
    expect(stray.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // The pod key only adopts; the ReplicaSet's own key makes up the difference.
    expect(await pods(api.ctx)).toHaveLength(1);
    await controller.reconcile(rsKey('web'), signal);
    expect(await podsOwnedBy(api.ctx, rs.metadata.uid)).toHaveLength(2);
  });

  it('leaves orphans alone that no ReplicaSet selects', async () => {
    const api = await testApi();
    await api.call('POST', '/apis/apps/v1/namespaces/default/replicasets', rsManifest('web', 1));
    await api.call('POST', '/api/v1/namespaces/default/pods', podManifest('other', { app: 'other' }));
    await replicaSetController(api.ctx).reconcile(podKey('other'), signal);
    const other = await api.ctx.store.get({ resource: { group: '', resource: 'pods' }, namespace: 'default', name: 'other' });
    expect(other.metadata.ownerReferences).toBeUndefined();
  });

  it('releases a relabeled pod without deleting it, and replaces it', async () => {
    const { api, ctx, rs } = await setup('web', 2);
    const controller = replicaSetController(ctx);
    await controller.reconcile(rsKey('web'), signal);
    const [relabeled] = (await pods(ctx)).map((p) => p.metadata.name!);
    await api.call('PATCH', `/api/v1/namespaces/default/pods/${relabeled}`, { metadata: { labels: { app: 'debug' } } }, { 'content-type': 'application/merge-patch+json' });
    await controller.reconcile(rsKey('web'), signal);
    const released = await ctx.store.get({ resource: { group: '', resource: 'pods' }, namespace: 'default', name: relabeled! });
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(released.metadata.deletionTimestamp).toBeUndefined();
    const owned = await podsOwnedBy(ctx, rs.metadata.uid);
    expect(owned).toHaveLength(2);
    expect(owned.map((p) => p.metadata.name)).not.toContain(relabeled);
  });

  it('asks to look again when a ready pod will have been ready for minReadySeconds', async () => {
    const { ctx } = await setup('web', 1, { minReadySeconds: 10 });
    const controller = replicaSetController(ctx);
    await controller.reconcile(rsKey('web'), signal);
    await markReady(ctx, (await pods(ctx))[0]!.metadata.name!);
    const result = (await controller.reconcile(rsKey('web'), signal)) ?? {};
    expect(result.requeueAfterMs).toBeGreaterThan(0);
    expect(result.requeueAfterMs).toBeLessThanOrEqual(11_000);
    const status = (await readRs(ctx, 'web'))['status'];
    expect(status).toMatchObject({ readyReplicas: 1 });
    expect(status).not.toHaveProperty('availableReplicas');
  });

  it('skips a chosen name held by someone else’s pod and tries again soon', async () => {
    const { api, ctx, rs } = await setup('web', 1);
    const stale = await staleReads(ctx, { group: '', resource: 'pods' });
    // Created after the stale view was taken, under the name slot 0 would get.
    await api.call('POST', '/api/v1/namespaces/default/pods', podManifest(`web-${slotSuffix(rs.metadata.uid!, 0)}`, { app: 'elsewhere' }));
    expect(await replicaSetController(stale).reconcile(rsKey('web'), signal)).toEqual({ requeueAfterMs: 1000 });
    expect(await podsOwnedBy(ctx, rs.metadata.uid)).toHaveLength(0);
    await replicaSetController(ctx).reconcile(rsKey('web'), signal);
    expect((await podsOwnedBy(ctx, rs.metadata.uid)).map((p) => p.metadata.name)).toEqual([`web-${slotSuffix(rs.metadata.uid!, 1)}`]);
  });

  it('reports a failed create as ReplicaFailure and a Warning, and clears it once creates work', async () => {
    const { ctx } = await setup('web', 2);
    const refusing: ObjectStore = new Proxy(ctx.store, {
      get(target, prop) {
        if (prop === 'create') {
          return async (r: { resource: string }, obj: KubeObject) => {
            if (r.resource === 'pods') throw new Error('exceeded quota: pods');
            return target.create(r as never, obj);
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(replicaSetController({ ...ctx, store: refusing }).reconcile(rsKey('web'), signal)).rejects.toThrow('exceeded quota');
    const failed = (await readRs(ctx, 'web'))['status'] as { conditions?: unknown[] };
    expect(failed.conditions).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota: pods' })]);
    // Slow start: the first batch of one failed, so only one create was tried.
    expect(await events(ctx, 'FailedCreate')).toEqual([expect.objectContaining({ type: 'Warning', message: 'Error creating: exceeded quota: pods', count: 1 })]);

    await replicaSetController(ctx).reconcile(rsKey('web'), signal);
    expect(((await readRs(ctx, 'web'))['status'] as { conditions?: unknown[] }).conditions).toBeUndefined();
    expect(await pods(ctx)).toHaveLength(2);
  });

  it('does nothing for a ReplicaSet that is gone', async () => {
    const api = await testApi();
    expect(await replicaSetController(api.ctx).reconcile(rsKey('nope'), signal)).toEqual({});
  });
});
