// Deployments on a real `skiff up --nodes 3 --runtime simulated`, driven by the real
// kubectl: availability and spreading, what `kubectl get` prints, rolling updates within
// their bounds at every sampled instant, undo, scaling, relabeling, twin selectors, the
// three cascade policies and namespace deletion. One cluster for the file; each test
// leaves the state the next one starts from, as a user's session would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/pipeline.ts';
import {
  activePods, apply, deployment, isActive, isReady, kubectlOk, pods, rolloutStatus, sampleBounds, service, upSimulated, type E2eCluster,
} from './workloads-support.ts';

let c: E2eCluster;

beforeAll(async () => {
  c = await upSimulated(3);
}, 240_000);
afterAll(async () => {
  await c?.stop();
});

const images = async (selector: string) => (await activePods(c, selector)).map((p) => p.spec?.containers[0]?.image).sort();

describe('Deployments on skiff up', () => {
  it('a 3-replica Deployment becomes Available, spread over the nodes, and kubectl get tells the story', async () => {
    await apply(c, deployment('web', { replicas: 3, image: 'nginx:1' }) + '---\n' + service('web'));
    await rolloutStatus(c, 'web');
    const running = await activePods(c, 'app=web');
    expect(running).toHaveLength(3);
    expect(running.every(isReady)).toBe(true);
    // A pod that was not ready first: its Ready condition keeps no stale reason or message.
    for (const p of running) {
      const ready = p.status?.conditions?.find((x) => x.type === 'Ready');
      expect({ reason: ready?.reason, message: ready?.message }).toEqual({ reason: undefined, message: undefined });
    }
    expect(new Set(running.map((p) => p.spec?.nodeName)).size).toBeGreaterThan(1);
    const d = await c.apps.readNamespacedDeployment({ namespace: 'default', name: 'web' });
    expect(d.status?.conditions?.find((x) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    const rsName = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items[0]!.metadata!.name!;

    await eventually('three ready addresses in the Endpoints and the EndpointSlice', async () => {
      const ep = await c.core.readNamespacedEndpoints({ namespace: 'default', name: 'web' });
      const slices = await kubectlOk(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json']);
      const items = (JSON.parse(slices) as { items: { endpoints?: { conditions?: { ready?: boolean } }[] }[] }).items;
      return ep.subsets?.[0]?.addresses?.length === 3 && items.length === 1 && items[0]!.endpoints?.filter((e) => e.conditions?.ready).length === 3;
    });
    expect(await kubectlOk(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']))
      .toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nweb-[a-z0-9]{5}\s+IPv4\s+8080\s+10\.[\d.]+,10\.[\d.]+,10\.[\d.]+\s+\S+\n$/);
    expect(await kubectlOk(c, ['api-resources', '--api-group=discovery.k8s.io', '--no-headers']))
      .toMatch(/^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice\n$/);
    const out = await kubectlOk(c, ['get', 'deploy,rs,pods,ep,events']);
    expect(out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
    expect(out).toMatch(/\ndeployment\.apps\/web\s+3\/3\s+3\s+3\s+\S+\n/);
    expect(out).toMatch(/\nNAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\n/);
    expect(out).toMatch(new RegExp(`\\nreplicaset\\.apps/${rsName}\\s+3\\s+3\\s+3\\s+\\S+\\n`));
    expect(out).toMatch(/\nNAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(out.match(new RegExp(`\\npod/${rsName}-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0\\s+\\S+`, 'g'))).toHaveLength(3);
    expect(out).toMatch(/\nNAME\s+ENDPOINTS\s+AGE\n/);
    expect(out).toMatch(/\nendpoints\/web\s+10\.\d+\.\d+\.\d+:8080,10\.\d+\.\d+\.\d+:8080,10\.\d+\.\d+\.\d+:8080\s+\S+\n/);
    expect(out).toMatch(/\nLAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(out).toMatch(new RegExp(`Normal\\s+ScalingReplicaSet\\s+deployment/web\\s+Scaled up replica set ${rsName} to 3`));
    expect(out.match(new RegExp(`Normal\\s+SuccessfulCreate\\s+replicaset/${rsName}\\s+Created pod: ${rsName}-`, 'g'))).toHaveLength(3);
    expect(out.match(new RegExp(`Normal\\s+Scheduled\\s+pod/${rsName}-[a-z0-9]{5}\\s+Successfully assigned default/${rsName}-[a-z0-9]{5} to local-[123]`, 'g'))).toHaveLength(3);
  });

  it('an image change rolls out within maxSurge and maxUnavailable at every sampled instant', async () => {
    // 3 replicas with kube's defaults (25%): surge rounds up to 1, unavailable down to 0.
    const sampler = sampleBounds(c, 'app=web', { maxActive: 4, minReady: 3 });
    try {
      await kubectlOk(c, ['set', 'image', 'deployment/web', 'c=nginx:2']);
      await rolloutStatus(c, 'web');
    } finally {
      await sampler.stop();
    }
    expect(sampler.violations).toEqual([]);
    expect(sampler.samples()).toBeGreaterThan(5);
    await eventually('only nginx:2 pods', async () => (await images('app=web')).join() === 'nginx:2,nginx:2,nginx:2');
    const out = await kubectlOk(c, ['get', 'rs', '-l', 'app=web']);
    expect(out.trim().split('\n').slice(1).map((l) => l.split(/\s+/).slice(1, 4).join(' ')).sort()).toEqual(['0 0 0', '3 3 3']);
  });

  it('kubectl rollout undo returns to the previous template', async () => {
    await kubectlOk(c, ['rollout', 'undo', 'deployment/web']);
    await rolloutStatus(c, 'web');
    await eventually('only nginx:1 pods', async () => (await images('app=web')).join() === 'nginx:1,nginx:1,nginx:1');
    const history = await kubectlOk(c, ['rollout', 'history', 'deployment/web']);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items;
    expect(rss).toHaveLength(2);
    const current = rss.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1');
    expect(current?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('scaling 3 → 10 → 2 converges', async () => {
    await kubectlOk(c, ['scale', 'deployment/web', '--replicas=10']);
    await rolloutStatus(c, 'web');
    await eventually('10 ready pods', async () => (await activePods(c, 'app=web')).filter(isReady).length === 10, 60_000);
    expect(await kubectlOk(c, ['get', 'deploy', 'web'])).toMatch(/\nweb\s+10\/10\s+10\s+10\s/);
    await kubectlOk(c, ['scale', 'deployment/web', '--replicas=2']);
    await rolloutStatus(c, 'web');
    await eventually('2 pods, the rest gone', async () => {
      const all = await pods(c, 'app=web');
      return all.length === 2 && all.every((p) => isActive(p) && isReady(p));
    }, 60_000);
    expect(await kubectlOk(c, ['get', 'deploy', 'web'])).toMatch(/\nweb\s+2\/2\s+2\s+2\s/);
    const d = await c.apps.readNamespacedDeployment({ namespace: 'default', name: 'web' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('a relabeled pod is released, not deleted, and replaced', async () => {
    const [victim] = await activePods(c, 'app=web');
    const name = victim!.metadata!.name!;
    await kubectlOk(c, ['label', 'pod', name, 'app=debug', '--overwrite']);
    await eventually('the relabeled pod released and a ready replacement', async () => {
      const pod = await c.core.readNamespacedPod({ namespace: 'default', name });
      const web = await activePods(c, 'app=web');
      return pod.metadata?.ownerReferences === undefined && web.length === 2 && web.every(isReady) && !web.some((p) => p.metadata?.name === name);
    }, 60_000);
    const released = await c.core.readNamespacedPod({ namespace: 'default', name });
    expect(released.metadata?.deletionTimestamp).toBeUndefined();
    expect(isReady(released)).toBe(true);
    await kubectlOk(c, ['delete', 'pod', name]);
  });

  it('two Deployments with identical selectors each keep their own pods', async () => {
    await apply(c, deployment('twin-a', { replicas: 2, image: 'nginx:1', app: 'twin' }));
    await apply(c, deployment('twin-b', { replicas: 3, image: 'nginx:1', app: 'twin' }));
    await rolloutStatus(c, 'twin-a');
    await rolloutStatus(c, 'twin-b');
    const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=twin' })).items;
    const ownerOf = (uid: string | undefined) => rss.find((rs) => rs.metadata?.uid === uid)?.metadata?.ownerReferences?.[0]?.name ?? 'none';
    const byOwner = async () => {
      const counts: Record<string, number> = {};
      for (const p of await activePods(c, 'app=twin')) counts[ownerOf(p.metadata?.ownerReferences?.[0]?.uid)] = (counts[ownerOf(p.metadata?.ownerReferences?.[0]?.uid)] ?? 0) + 1;
      return counts;
    };
    await eventually('2 pods for twin-a and 3 for twin-b', async () => JSON.stringify(await byOwner()) === JSON.stringify({ 'twin-a': 2, 'twin-b': 3 }));
    expect(await byOwner()).toEqual({ 'twin-a': 2, 'twin-b': 3 });
  });

  it('kubectl delete deploy removes its ReplicaSets and pods (background, the default)', async () => {
    await kubectlOk(c, ['delete', 'deploy', 'twin-a']);
    await eventually('twin-a’s ReplicaSet and pods gone, twin-b’s kept', async () => {
      const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=twin' })).items;
      const twin = await pods(c, 'app=twin');
      return rss.length === 1 && rss[0]!.metadata!.name!.startsWith('twin-b-') && twin.length === 3 && twin.every((p) => p.metadata!.name!.startsWith('twin-b-'));
    }, 60_000);
  });

  it('--cascade=orphan leaves the dependents, without their ownerReference', async () => {
    await kubectlOk(c, ['delete', 'deploy', 'twin-b', '--cascade=orphan']);
    await eventually('twin-b’s ReplicaSet orphaned', async () => {
      const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=twin' })).items;
      return rss.length === 1 && rss[0]!.metadata?.ownerReferences === undefined;
    });
    const [rs] = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=twin' })).items;
    await kubectlOk(c, ['delete', 'rs', rs!.metadata!.name!, '--cascade=orphan']);
    await eventually('the ReplicaSet gone and its pods orphaned', async () => {
      const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=twin' })).items;
      const twin = await pods(c, 'app=twin');
      return rss.length === 0 && twin.length === 3 && twin.every((p) => p.metadata?.ownerReferences === undefined && isActive(p));
    });
    await kubectlOk(c, ['delete', 'pods', '-l', 'app=twin']);
  });

  it('--cascade=foreground deletes the dependents before the Deployment', async () => {
    await apply(c, deployment('fg', { replicas: 2, image: 'nginx:1' }));
    await rolloutStatus(c, 'fg');
    await kubectlOk(c, ['delete', 'deploy', 'fg', '--cascade=foreground', '--wait=false']);
    const marked = JSON.parse(await kubectlOk(c, ['get', 'deploy', 'fg', '-o', 'json'])) as { metadata: { finalizers?: string[]; deletionTimestamp?: string } };
    expect(marked.metadata.finalizers).toContain('foregroundDeletion');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    // Whenever the Deployment is seen gone, its ReplicaSet and pods must already be.
    const outOfOrder: string[] = [];
    await eventually('the Deployment gone', async () => {
      const gone = (await c.apps.listNamespacedDeployment({ namespace: 'default', fieldSelector: 'metadata.name=fg' })).items.length === 0;
      if (!gone) return false;
      const rss = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=fg' })).items;
      const left = await pods(c, 'app=fg');
      if (rss.length || left.length) outOfOrder.push(`${rss.length} ReplicaSets and ${left.length} pods outlived the Deployment`);
      return true;
    }, 120_000);
    expect(outOfOrder).toEqual([]);
  });

  it('deleting a namespace removes its contents, then the namespace', async () => {
    await kubectlOk(c, ['create', 'namespace', 'doomed']);
    await apply(c, deployment('app', { replicas: 2, image: 'nginx:1', namespace: 'doomed' }) + '---\n' + service('app', 'app', 'doomed'));
    await rolloutStatus(c, 'app', 'doomed');
    await kubectlOk(c, ['delete', 'namespace', 'doomed', '--wait=false']);
    // Pods take their grace period, so the namespace is normally seen Terminating first.
    const during = await c.kubectl.run(['get', 'namespace', 'doomed']);
    if (during.code === 0) expect(during.stdout).toMatch(/\ndoomed\s+Terminating\s/);
    await eventually('the namespace gone', async () => (await c.kubectl.run(['get', 'namespace', 'doomed'])).stderr.includes('namespaces "doomed" not found'), 120_000);
    // Its defaults (the `default` ServiceAccount, the root CA ConfigMap) go with it and are not made again.
    for (const kind of ['pods', 'replicasets', 'deployments', 'services', 'endpoints', 'endpointslices', 'serviceaccounts', 'configmaps']) {
      expect((await kubectlOk(c, ['get', kind, '-n', 'doomed', '-o', 'name'])).trim(), kind).toBe('');
    }
  });
});
