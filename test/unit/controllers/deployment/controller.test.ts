import { describe, expect, it } from 'vitest';
import { deploymentController } from '../../../../lib/controllers/deployment/controller.ts';
import { podTemplateHash } from '../../../../lib/controllers/deployment/hash.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import { testApi } from '../../../support/test-api.ts';
import { events, RSS, signal, staleReads } from '../replicaset/controller-support.ts';
import { deploymentManifest, Workloads } from './workloads-driver.ts';

const dKey = (name: string) => ({ group: 'apps', resource: 'deployments', namespace: 'default', name });
const merge = { 'content-type': 'application/merge-patch+json' };
const REVISION = 'deployment.kubernetes.io/revision';

async function cluster() {
  const api = await testApi();
  return { api, w: new Workloads(api) };
}

async function create(api: Awaited<ReturnType<typeof testApi>>, manifest: unknown): Promise<KubeObject> {
  const res = await api.call('POST', '/apis/apps/v1/namespaces/default/deployments', manifest);
  expect(res.status).toBe(201);
  return res.body as KubeObject;
}

const status = (obj: KubeObject) => (obj['status'] ?? {}) as Record<string, any>;
const spec = (obj: KubeObject) => obj['spec'] as Record<string, any>;
/** The hash of the stored (defaulted) template, as the controller computes it. */
const hashOf = async (w: Workloads, name = 'web', collisionCount?: number) => podTemplateHash(spec(await w.deployment(name)).template, collisionCount);

describe('deployment controller', () => {
  it('creates <deployment>-<pod-template-hash> with the hash label, records the revision and becomes Available', async () => {
    const { api, w } = await cluster();
    const d = await create(api, deploymentManifest('web', 3, 'nginx:1'));
    await w.rollOut('web');

    const hash = await hashOf(w);
    const [rs, ...others] = await w.replicaSets();
    expect(others).toEqual([]);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(spec(rs!).selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs!.metadata.annotations).toMatchObject({ [REVISION]: '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const pods = await w.activePods({ app: 'web' });
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).toBe(true);

    const after = await w.deployment('web');
    expect(after.metadata.annotations?.[REVISION]).toBe('1');
    expect(status(after)).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(status(after).conditions).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }),
      expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` }),
    ]));
    expect((await events(w.ctx, 'ScalingReplicaSet')).map((e) => e['message'])).toEqual([`Scaled up replica set web-${hash} to 3`]);
  });

  it('rolls out a new template within maxSurge and maxUnavailable at every step, then rolls back to the old ReplicaSet', async () => {
    const { api, w } = await cluster();
    await create(api, deploymentManifest('web', 4, 'nginx:1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    await w.rollOut('web');
    const oldName = `web-${await hashOf(w)}`;
    await api.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, { 'content-type': 'application/strategic-merge-patch+json' });
    const newName = `web-${await hashOf(w)}`;

    const check = async () => {
      expect((await w.activePods({ app: 'web' })).length).toBeLessThanOrEqual(5);
      expect((await w.readyPods({ app: 'web' })).length).toBeGreaterThanOrEqual(3);
    };
    for (let i = 0; i < 60 && !(await w.complete('web')); i++) {
      await w.step();
      await check();
      await w.startPods(1);
      await check();
    }
    expect(await w.complete('web')).toBe(true);
    const images = (await w.activePods({ app: 'web' })).map((p) => spec(p).containers[0].image);
    expect(images).toEqual(['nginx:2', 'nginx:2', 'nginx:2', 'nginx:2']);
    const messages = (await events(w.ctx, 'ScalingReplicaSet')).map((e) => e['message']);
    expect(messages).toContain(`Scaled up replica set ${newName} to 1`);
    expect(messages.some((m) => typeof m === 'string' && m.startsWith(`Scaled down replica set ${oldName} to `) && m.endsWith(' from 4'))).toBe(true);
    expect((await w.deployment('web')).metadata.annotations?.[REVISION]).toBe('2');

    // kubectl rollout undo: the previous template comes back, and with it the old ReplicaSet.
    await api.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } } }, { 'content-type': 'application/strategic-merge-patch+json' });
    await w.rollOut('web');
    const rss = await w.replicaSets();
    expect(rss.map((rs) => rs.metadata.name).sort()).toEqual([oldName, newName].sort());
    const old = rss.find((rs) => rs.metadata.name === oldName)!;
    expect(spec(old).replicas).toBe(4);
    expect(old.metadata.annotations).toMatchObject({ [REVISION]: '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect((await w.deployment('web')).metadata.annotations?.[REVISION]).toBe('3');
  });

  it('scales through the scale subresource without a new revision', async () => {
    const { api, w } = await cluster();
    await create(api, deploymentManifest('web', 3, 'nginx:1'));
    await w.rollOut('web');
    const scaled = await api.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 5 } }, merge);
    expect(scaled.status).toBe(200);
    await w.rollOut('web');
    expect(await w.activePods({ app: 'web' })).toHaveLength(5);
    await api.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 1 } }, merge);
    await w.rollOut('web');
    expect(await w.activePods({ app: 'web' })).toHaveLength(1);
    const name = `web-${await hashOf(w)}`;
    expect((await w.replicaSets()).map((rs) => rs.metadata.name)).toEqual([name]);
    expect((await w.deployment('web')).metadata.annotations?.[REVISION]).toBe('1');
    const messages = (await events(w.ctx, 'ScalingReplicaSet')).map((e) => e['message']);
    expect(messages).toEqual(expect.arrayContaining([`Scaled up replica set ${name} to 5 from 3`, `Scaled down replica set ${name} to 1 from 5`]));
  });

  it('makes one ReplicaSet however often, and however concurrently, the key is delivered', async () => {
    const { api, w } = await cluster();
    await create(api, deploymentManifest('web', 2, 'nginx:1'));
    await Promise.all(Array.from({ length: 5 }, () => deploymentController(w.ctx).reconcile(dKey('web'), signal)));
    // A replay that lists ReplicaSets as they were before any was created.
    const stale = await staleReads(w.ctx, RSS, 1);
    await deploymentController(stale).reconcile(dKey('web'), signal);
    await w.settle();
    expect((await w.replicaSets()).map((rs) => rs.metadata.name)).toEqual([`web-${await hashOf(w)}`]);
    expect(await w.activePods({ app: 'web' })).toHaveLength(2);
    expect(await events(w.ctx, 'ScalingReplicaSet')).toHaveLength(1);
  });

  it('counts a hash collision in status.collisionCount and uses the next hash', async () => {
    const { api, w } = await cluster();
    await create(api, deploymentManifest('web', 1, 'nginx:1'));
    const squatter = `web-${await hashOf(w)}`;
    // Someone else's ReplicaSet under the name the template hashes to (labels the Deployment does not select).
    await api.call('POST', '/apis/apps/v1/namespaces/default/replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: squatter },
      spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await w.rollOut('web');
    const d = await w.deployment('web');
    expect(status(d).collisionCount).toBe(1);
    const names = (await w.replicaSets()).map((rs) => rs.metadata.name).sort();
    expect(names).toEqual([squatter, `web-${await hashOf(w, 'web', 1)}`].sort());
    expect(spec((await w.replicaSets()).find((rs) => rs.metadata.name === squatter)!).template.spec.containers[0].image).toBe('busybox');
  });

  it('adopts an orphan ReplicaSet its selector matches through the ReplicaSet key', async () => {
    const { api, w } = await cluster();
    const d = await create(api, deploymentManifest('web', 1, 'nginx:1'));
    await api.call('POST', '/apis/apps/v1/namespaces/default/replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'handmade', labels: { app: 'web' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'old' }] } } },
    });
    await deploymentController(w.ctx).reconcile({ group: 'apps', resource: 'replicasets', namespace: 'default', name: 'handmade' }, signal);
    const rs = await w.ctx.store.get({ resource: RSS, namespace: 'default', name: 'handmade' });
    expect(rs.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true })]);
  });

  it('Recreate never runs old and new pods side by side', async () => {
    const { api, w } = await cluster();
    await create(api, deploymentManifest('web', 2, 'nginx:1', { strategy: { type: 'Recreate' } }));
    await w.rollOut('web');
    await api.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, { 'content-type': 'application/strategic-merge-patch+json' });
    for (let i = 0; i < 40 && !(await w.complete('web')); i++) {
      await w.step();
      const images = new Set((await w.activePods({ app: 'web' })).map((p) => spec(p).containers[0].image));
      expect(images.size).toBeLessThanOrEqual(1);
      await w.startPods();
    }
    expect(await w.complete('web')).toBe(true);
  });

  it('two Deployments with the same selector each keep their own ReplicaSet and pods', async () => {
    const { api, w } = await cluster();
    const same = (name: string, replicas: number) => ({
      ...deploymentManifest(name, replicas, 'nginx:1'),
      spec: { replicas, selector: { matchLabels: { app: 'twin' } }, template: { metadata: { labels: { app: 'twin' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
    });
    await create(api, same('a', 2));
    await create(api, same('b', 3));
    await w.rollOut('a');
    await w.rollOut('b');
    const rss = await w.replicaSets();
    const a = rss.find((rs) => rs.metadata.name?.startsWith('a-'))!;
    const b = rss.find((rs) => rs.metadata.name?.startsWith('b-'))!;
    const owned = async (uid: string | undefined) => (await w.activePods({ app: 'twin' })).filter((p) => p.metadata.ownerReferences?.[0]?.uid === uid);
    expect(await owned(a.metadata.uid)).toHaveLength(2);
    expect(await owned(b.metadata.uid)).toHaveLength(3);
    expect(await w.activePods({ app: 'twin' })).toHaveLength(5);
  });
});
