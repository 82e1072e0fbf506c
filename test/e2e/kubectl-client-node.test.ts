// @kubernetes/client-node, unchanged, against the real `skiff up`: the core CRUD flows a
// program uses, and an informer (list + watch) that stays in sync through 100 changes.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.ts';
import { eventually } from '../support/pipeline.ts';

let e: E2E;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const namespace = 'client-e2e';

beforeAll(async () => {
  e = await startE2E();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(e.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});
afterAll(async () => {
  await e?.stop();
});

async function failure(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof k8s.ApiException) return { code: err.code, body: typeof err.body === 'string' ? JSON.parse(err.body) : err.body };
    throw err;
  }
  throw new Error('expected the call to fail');
}

const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

describe('@kubernetes/client-node CRUD', () => {
  it('creates a namespace and configmaps, reads, lists, patches, replaces and deletes them', async () => {
    const ns = await core.createNamespace({ body: { metadata: { name: namespace } } });
    expect(ns.status?.phase).toBe('Active');
    const created = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'one', labels: { app: 'a' } }, data: { k: '1' } } });
    expect(created.metadata).toMatchObject({ name: 'one', namespace, uid: expect.any(String), resourceVersion: expect.stringMatching(/^\d+$/) });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'two', labels: { app: 'b' } }, data: { k: '2' } } });

    expect((await core.readNamespacedConfigMap({ name: 'one', namespace })).data).toEqual({ k: '1' });
    const listed = await core.listNamespacedConfigMap({ namespace, labelSelector: 'app in (a,b)' });
    expect(listed.items.map((i) => i.metadata?.name)).toEqual(['one', 'two']);
    expect((await core.listConfigMapForAllNamespaces({ fieldSelector: `metadata.namespace=${namespace},metadata.name=two` })).items).toHaveLength(1);

    const patched = await core.patchNamespacedConfigMap({ name: 'one', namespace, body: { data: { extra: 'x' } } }, merge);
    expect(patched.data).toEqual({ k: '1', extra: 'x' });
    const replaced = await core.replaceNamespacedConfigMap({ name: 'one', namespace, body: { ...patched, data: { k: 'replaced' } } });
    expect(replaced.data).toEqual({ k: 'replaced' });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(patched.metadata?.resourceVersion));

    const stale = await failure(core.replaceNamespacedConfigMap({ name: 'one', namespace, body: { ...patched, data: { k: 'lost' } } }));
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({
      kind: 'Status', reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again',
    });

    await core.deleteNamespacedConfigMap({ name: 'two', namespace });
    const gone = await failure(core.readNamespacedConfigMap({ name: 'two', namespace }));
    expect(gone).toMatchObject({ code: 404, body: { kind: 'Status', reason: 'NotFound', message: 'configmaps "two" not found' } });
    const dup = await failure(core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'one' } } }));
    expect(dup).toMatchObject({ code: 409, body: { reason: 'AlreadyExists', message: 'configmaps "one" already exists' } });
  });

  it('runs a deployment, scales it through the scale subresource, and sees its pods on the nodes', async () => {
    const labels = { app: 'client' };
    await apps.createNamespacedDeployment({
      namespace,
      body: { metadata: { name: 'client' }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } },
    });
    const scale = await apps.readNamespacedDeploymentScale({ name: 'client', namespace });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 } });
    await apps.replaceNamespacedDeploymentScale({ name: 'client', namespace, body: { ...scale, spec: { replicas: 3 } } });
    await eventually('three available replicas', async () => (await apps.readNamespacedDeployment({ name: 'client', namespace })).status?.availableReplicas === 3, 90_000);
    const pods = await core.listNamespacedPod({ namespace, labelSelector: 'app=client' });
    expect(pods.items.filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(3);
    for (const pod of pods.items) expect(pod.spec?.nodeName).toMatch(/^local-[12]$/);
    const onOne = await core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=local-1', labelSelector: 'app=client' });
    expect(onOne.items.map((p) => p.metadata?.name).sort()).toEqual(pods.items.filter((p) => p.spec?.nodeName === 'local-1').map((p) => p.metadata?.name).sort());

    await apps.deleteNamespacedDeployment({ name: 'client', namespace, propagationPolicy: 'Foreground' });
    await eventually('the deployment and its pods gone', async () =>
      (await apps.listNamespacedDeployment({ namespace })).items.length === 0 && (await core.listNamespacedPod({ namespace })).items.length === 0, 90_000);
  });
});

describe('@kubernetes/client-node informer', () => {
  it('stays in sync with the server through 100 creates, updates and deletes', async () => {
    const selector = 'informed=yes';
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`,
      () => core.listNamespacedConfigMap({ namespace, labelSelector: selector }), selector);
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    informer.on('error', (err) => errors.push(err));
    await informer.start();

    // 100 changes over 25 names, five at a time: each name is created, updated a few times
    // and (for every third name) deleted; an object that leaves the selector is a delete too.
    const changes: (() => Promise<unknown>)[][] = [];
    for (let round = 0; round < 20; round++) {
      changes.push([0, 1, 2, 3, 4].map((lane) => {
        const name = `inf-${(round % 5) * 5 + lane}`;
        const step = Math.floor(round / 5);
        if (step === 0) return () => core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels: { informed: 'yes' } }, data: { v: '0' } } });
        if (step < 3) return () => core.patchNamespacedConfigMap({ name, namespace, body: { data: { v: String(step) } } }, merge);
        const index = (round % 5) * 5 + lane;
        if (index % 3 === 0) return () => core.deleteNamespacedConfigMap({ name, namespace });
        if (index % 3 === 1) return () => core.patchNamespacedConfigMap({ name, namespace, body: { metadata: { labels: { informed: 'no' } } } }, merge);
        return () => core.patchNamespacedConfigMap({ name, namespace, body: { data: { v: 'last' } } }, merge);
      }));
    }
    expect(changes.flat()).toHaveLength(100);
    for (const batch of changes) await Promise.all(batch.map((change) => change()));

    const summary = (items: readonly k8s.V1ConfigMap[]) =>
      items.map((o) => `${o.metadata?.name} ${o.metadata?.resourceVersion} ${o.data?.['v']}`).sort();
    const truth = summary((await core.listNamespacedConfigMap({ namespace, labelSelector: selector })).items);
    expect(truth).toHaveLength(8);
    await eventually('the informer cache to equal a fresh list', () => JSON.stringify(summary(informer.list(namespace))) === JSON.stringify(truth), 60_000);
    // Checked before stop(), which aborts the watch and reports that abort as an error.
    expect(errors).toEqual([]);
    await informer.stop();
    expect(seen.filter((s) => s.startsWith('add'))).toHaveLength(25);
    expect(seen.filter((s) => s.startsWith('update'))).toHaveLength(58);
    expect(seen.filter((s) => s.startsWith('delete'))).toHaveLength(17);
    expect(truth.every((line) => line.endsWith(' last'))).toBe(true);
  });
});
