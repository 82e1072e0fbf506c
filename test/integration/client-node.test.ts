// @kubernetes/client-node, unchanged, over HTTPS against a real apiserver on DynamoDB Local.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';

let cluster: TestCluster;
let core: k8s.CoreV1Api;
const namespace = 'default';

beforeAll(async () => {
  cluster = await startTestCluster();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  core = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(async () => {
  await cluster?.stop();
});

function cm(name: string, labels: Record<string, string>): k8s.V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { k: name } };
}

async function statusOf(p: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof k8s.ApiException) return { code: err.code, body: typeof err.body === 'string' ? JSON.parse(err.body) : err.body };
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('@kubernetes/client-node against skiff', () => {
  it('creates, gets and lists with selectors', async () => {
    const created = await core.createNamespacedConfigMap({ namespace, body: cm('one', { app: 'a', env: 'dev' }) });
    expect(created.metadata?.uid).toBeTruthy();
    await core.createNamespacedConfigMap({ namespace, body: cm('two', { app: 'a', env: 'prod' }) });
    await core.createNamespacedConfigMap({ namespace, body: cm('three', { app: 'b' }) });
    const got = await core.readNamespacedConfigMap({ name: 'one', namespace });
    expect(got.data).toEqual({ k: 'one' });
    const byLabel = await core.listNamespacedConfigMap({ namespace, labelSelector: 'app=a,env in (prod)' });
    expect(byLabel.items.map((i) => i.metadata?.name)).toEqual(['two']);
    const byField = await core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name!=two' });
    expect(byField.items.map((i) => i.metadata?.name)).toEqual(['one', 'three']);
    expect(Number(byField.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('patches with merge and strategic merge patches', async () => {
    const merged = await core.patchNamespacedConfigMap(
      { name: 'one', namespace, body: { data: { extra: 'x' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(merged.data).toEqual({ k: 'one', extra: 'x' });
    const strategic = await core.patchNamespacedConfigMap(
      { name: 'one', namespace, body: { metadata: { labels: { env: null } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(strategic.metadata?.labels).toEqual({ app: 'a' });
  });

  it('gets 409 Conflict when updating from a stale resourceVersion', async () => {
    const fresh = await core.readNamespacedConfigMap({ name: 'two', namespace });
    await core.replaceNamespacedConfigMap({ name: 'two', namespace, body: { ...fresh, data: { k: 'first' } } });
    const stale = await statusOf(core.replaceNamespacedConfigMap({ name: 'two', namespace, body: { ...fresh, data: { k: 'second' } } }));
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({ kind: 'Status', reason: 'Conflict' });
    expect((await core.readNamespacedConfigMap({ name: 'two', namespace })).data).toEqual({ k: 'first' });
  });

  it('deletes, and a missing object is a 404 Status', async () => {
    await core.deleteNamespacedConfigMap({ name: 'three', namespace });
    const gone = await statusOf(core.readNamespacedConfigMap({ name: 'three', namespace }));
    expect(gone.code).toBe(404);
    expect(gone.body.message).toBe('configmaps "three" not found');
  });
});
