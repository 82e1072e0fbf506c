// Watches over HTTPS on DynamoDB Local, fed by the real stream → fanout → change log path:
// the real kubectl's get -w and a @kubernetes/client-node informer.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlRunner } from '../support/kubectl.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';

let cluster: TestCluster;
let k: ReturnType<typeof kubectlRunner>;
let core: k8s.CoreV1Api;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  cluster = await startTestCluster();
  k = kubectlRunner(cluster.kubeconfigPath);
  kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  core = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(async () => {
  await cluster?.stop();
});

const cm = (name: string, data: Record<string, string> = {}): k8s.V1ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('watch over the change log', () => {
  it('kubectl get -w sees objects appear, change and go', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('existing') });
    const live = k.spawnLive(['get', 'configmaps', '-n', 'default', '-w', '-o', 'json', '--output-watch-events']);
    const events = () => live.lines.filter((l) => l.startsWith('{"type"')).map((l) => JSON.parse(l) as { type: string; object: k8s.V1ConfigMap });
    await eventually('the initial list', () => events().some((e) => e.object.metadata?.name === 'existing'));
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('fresh') });
    await core.replaceNamespacedConfigMap({ name: 'fresh', namespace: 'default', body: cm('fresh', { k: 'v' }) });
    await core.deleteNamespacedConfigMap({ name: 'fresh', namespace: 'default' });
    await eventually('the delete event', () => events().some((e) => e.type === 'DELETED' && e.object.metadata?.name === 'fresh'));
    await live.stop();
    const fresh = events().filter((e) => e.object.metadata?.name === 'fresh');
    expect(fresh.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(fresh[2]!.object.data).toEqual({ k: 'v' });
    expect(live.stderr()).toBe('');
  });

  it('kubectl get -w prints table rows as they change', async () => {
    const live = k.spawnLive(['get', 'configmaps', '-n', 'default', '-w', '--output-watch-events']);
    await eventually('the header', () => live.lines.some((l) => /^EVENT\s+NAME\s+DATA\s+AGE/.test(l)));
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('tabled', { a: '1', b: '2' }) });
    await eventually('the new row', () => live.lines.some((l) => /^ADDED\s+tabled\s+2\s+/.test(l)));
    await live.stop();
    expect(live.stderr()).toBe('');
  });

  it('keeps a client-node informer in sync through 100 changes', async () => {
    const namespace = 'default';
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace, labelSelector: 'informed=yes' }), 'informed=yes');
    await informer.start();
    const expected = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const name = `inf-${i % 20}`;
      const step = i < 20 ? 'create' : i % 7 === 0 ? 'delete' : 'update';
      if (step === 'create' || !expected.has(name)) {
        await core.createNamespacedConfigMap({ namespace, body: { ...cm(name, { n: String(i) }), metadata: { name, labels: { informed: 'yes' } } } }).catch(() => undefined);
        expected.set(name, String(i));
      } else if (step === 'delete') {
        await core.deleteNamespacedConfigMap({ name, namespace });
        expected.delete(name);
      } else {
        await core.patchNamespacedConfigMap({ name, namespace, body: { data: { n: String(i) } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        expected.set(name, String(i));
      }
    }
    const cache = () => new Map(informer.list(namespace).map((o) => [o.metadata!.name!, o.data?.['n'] ?? '']));
    await eventually('the informer cache to match the server', () => {
      const c = cache();
      return c.size === expected.size && [...expected].every(([n, v]) => c.get(n) === v);
    }, 30_000);
    await informer.stop();
  });
});
