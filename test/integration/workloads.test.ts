// Deployments end to end through the real pipeline (DynamoDB Local stream → fanout → SQS
// emulator → the ReplicaSet, Deployment and scheduler consumers), three simulated nodes,
// and the real kubectl: rollout, rolling update within its bounds at every sampled
// instant, undo, scaling, relabeling, twin selectors, and duplicate deliveries.
import * as k8s from '@kubernetes/client-node';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../lib/agent/agent.ts';
import { SimulatedRuntime } from '../../lib/agent/runtimes/simulated-runtime.ts';
import { deploymentController } from '../../lib/controllers/deployment/controller.ts';
import { replicaSetController } from '../../lib/controllers/replicaset/controller.ts';
import { schedulerController } from '../../lib/controllers/scheduler/controller.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { MemoryQueueMetrics } from '../../lib/observability/queue-metrics.ts';
import { createQueueHandler } from '../../lib/pipeline/queue-handler.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';
import { FakeWorkQueue } from '../support/fake-queue.ts';
import { kubectlRunner } from '../support/kubectl.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';
import { adminClient, startTestAgent } from './agent-support.ts';

const ns = 'default';
let cluster: TestCluster;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let kubectl: ReturnType<typeof kubectlRunner>;
let controllers: { replicaSets: Reconciler; deployments: Reconciler };
const agents: Agent[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({
    reconcilers: (ctx) => {
      controllers = { replicaSets: replicaSetController(ctx), deployments: deploymentController(ctx) };
      return [controllers.replicaSets, controllers.deployments, schedulerController(ctx, { retryUnschedulableMs: 2000 })];
    },
  });
  core = adminClient(cluster);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  kubectl = kubectlRunner(cluster.kubeconfigPath);
  for (const name of ['node-a', 'node-b', 'node-c']) {
    const { agent } = await startTestAgent(cluster, name, () => new SimulatedRuntime({ nodeName: name, startDelayMs: 100 }), {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' }, pollIntervalMs: 200,
    });
    agents.push(agent);
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await cluster?.stop();
});

function manifest(name: string, replicas: number, image: string, app = name): string {
  // Requests make the scheduler's least-allocated score spread the pods over the nodes.
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
      - name: c
        image: ${image}
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
}

async function apply(name: string, yaml: string): Promise<void> {
  const r = await kubectl.run(['apply', '-f', kubectl.file(`${name}.yaml`, yaml)]);
  expect(r.stderr).toBe('');
}

async function rolloutStatus(name: string): Promise<void> {
  const r = await kubectl.run(['rollout', 'status', `deployment/${name}`, '--timeout=55s']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(`deployment "${name}" successfully rolled out`);
  expect(r.code).toBe(0);
}

const isActive = (p: k8s.V1Pod) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

async function activePods(selector: string): Promise<k8s.V1Pod[]> {
  return (await core.listNamespacedPod({ namespace: ns, labelSelector: selector })).items.filter(isActive);
}

/** Samples the pods until `stop` resolves, recording every instant outside the bounds. */
function sampleBounds(selector: string, bounds: { maxActive: number; minReady: number }) {
  const violations: string[] = [];
  let samples = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const active = await activePods(selector);
      const ready = active.filter(isReady).length;
      if (active.length > bounds.maxActive) violations.push(`${active.length} active pods (max ${bounds.maxActive})`);
      if (ready < bounds.minReady) violations.push(`${ready} ready pods (min ${bounds.minReady})`);
      samples++;
      await pause(40); // pacing only: every iteration re-reads, nothing waits on this
    }
  })();
  return { violations, samples: () => samples, stop: async () => { running = false; await done; } };
}

describe('Deployments on the pipeline', () => {
  it('a 3-replica Deployment becomes Available with its pods on more than one node', async () => {
    await apply('web', manifest('web', 3, 'nginx:1'));
    await rolloutStatus('web');
    const pods = await activePods('app=web');
    expect(pods).toHaveLength(3);
    expect(pods.every(isReady)).toBe(true);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBeGreaterThan(1);
    const d = await apps.readNamespacedDeployment({ namespace: ns, name: 'web' });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const events = (await core.listNamespacedEvent({ namespace: ns })).items;
    expect(events.filter((e) => e.reason === 'ScalingReplicaSet' && e.involvedObject.name === 'web').map((e) => e.message))
      .toEqual([expect.stringMatching(/^Scaled up replica set web-[bcdfghjklmnpqrstvwxz2456789]+ to 3$/)]);
    expect(events.filter((e) => e.reason === 'SuccessfulCreate' && e.source?.component === 'replicaset-controller')).toHaveLength(3);
  }, 120_000);

  it('an image change rolls out within maxSurge and maxUnavailable at every sampled instant', async () => {
    // The defaults for 3 replicas: 25% surge rounds up to 1, 25% unavailable rounds down to 0.
    const sampler = sampleBounds('app=web', { maxActive: 4, minReady: 3 });
    try {
      const r = await kubectl.run(['set', 'image', 'deployment/web', 'c=nginx:2']);
      expect(r.code).toBe(0);
      await rolloutStatus('web');
    } finally {
      await sampler.stop();
    }
    expect(sampler.violations).toEqual([]);
    expect(sampler.samples()).toBeGreaterThan(5);
    await eventually('only nginx:2 pods', async () => {
      const pods = await activePods('app=web');
      return pods.length === 3 && pods.every((p) => p.spec?.containers[0]?.image === 'nginx:2');
    });
  }, 120_000);

  it('kubectl rollout undo returns to the previous template and its ReplicaSet', async () => {
    const r = await kubectl.run(['rollout', 'undo', 'deployment/web']);
    expect(r.code).toBe(0);
    await rolloutStatus('web');
    await eventually('only nginx:1 pods', async () => {
      const pods = await activePods('app=web');
      return pods.length === 3 && pods.every((p) => p.spec?.containers[0]?.image === 'nginx:1');
    });
    const rss = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' })).items;
    expect(rss).toHaveLength(2);
    const current = rss.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1');
    expect(current?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(current?.spec?.replicas).toBe(3);
  }, 120_000);

  it('scaling 3 → 10 → 2 converges', async () => {
    expect((await kubectl.run(['scale', 'deployment/web', '--replicas=10'])).code).toBe(0);
    await rolloutStatus('web');
    await eventually('10 ready pods', async () => (await activePods('app=web')).filter(isReady).length === 10, 60_000);
    expect((await kubectl.run(['scale', 'deployment/web', '--replicas=2'])).code).toBe(0);
    await rolloutStatus('web');
    await eventually('2 pods, the rest gone', async () => {
      const all = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
      return all.length === 2 && all.every((p) => isActive(p) && isReady(p));
    }, 60_000);
    // Status follows the pods by one more reconcile: poll for it rather than read once.
    await eventually('status says 2', async () => {
      const s = (await apps.readNamespacedDeployment({ namespace: ns, name: 'web' })).status;
      return s?.replicas === 2 && s.updatedReplicas === 2 && s.availableReplicas === 2;
    });
    const d = await apps.readNamespacedDeployment({ namespace: ns, name: 'web' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  }, 150_000);

  it('a relabeled pod is released, not deleted, and replaced', async () => {
    const [victim] = await activePods('app=web');
    const name = victim!.metadata!.name!;
    expect((await kubectl.run(['label', 'pod', name, 'app=debug', '--overwrite'])).code).toBe(0);
    await eventually('the relabeled pod released and a replacement ready', async () => {
      const pod = await core.readNamespacedPod({ namespace: ns, name });
      const web = await activePods('app=web');
      return pod.metadata?.ownerReferences === undefined && web.length === 2 && web.every(isReady) && !web.some((p) => p.metadata?.name === name);
    }, 60_000);
    const released = await core.readNamespacedPod({ namespace: ns, name });
    expect(released.metadata?.deletionTimestamp).toBeUndefined();
    expect(isReady(released)).toBe(true);
    await core.deleteNamespacedPod({ namespace: ns, name });
  }, 90_000);

  it('two Deployments with identical selectors each keep their own pods', async () => {
    await apply('twin-a', manifest('twin-a', 2, 'nginx:1', 'twin'));
    await apply('twin-b', manifest('twin-b', 3, 'nginx:1', 'twin'));
    await rolloutStatus('twin-a');
    await rolloutStatus('twin-b');
    const rss = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=twin' })).items;
    expect(rss.map((rs) => rs.metadata?.ownerReferences?.[0]?.name).sort()).toEqual(['twin-a', 'twin-b']);
    const byOwner = async () => {
      const counts = new Map<string, number>();
      for (const p of await activePods('app=twin')) {
        const owner = rss.find((rs) => rs.metadata?.uid === p.metadata?.ownerReferences?.[0]?.uid)?.metadata?.ownerReferences?.[0]?.name ?? 'none';
        counts.set(owner, (counts.get(owner) ?? 0) + 1);
      }
      return Object.fromEntries(counts);
    };
    await eventually('2 pods for twin-a and 3 for twin-b', async () => {
      const counts = await byOwner();
      return counts['twin-a'] === 2 && counts['twin-b'] === 3 && Object.keys(counts).length === 2;
    });
    expect(await byOwner()).toEqual({ 'twin-a': 2, 'twin-b': 3 });
  }, 120_000);

  it('duplicate deliveries, concurrent with the pipeline’s own, never produce extra pods', async () => {
    await apply('dup', manifest('dup', 2, 'nginx:1'));
    await rolloutStatus('dup');
    const [rs] = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=dup' })).items;
    const rsKey = `apps/replicasets/${ns}/${rs!.metadata!.name}`;
    const signal = new AbortController().signal;
    const deps = { queue: new FakeWorkQueue(), metrics: new MemoryQueueMetrics(), clock: systemClock, log: () => undefined };
    // Two "Lambda containers" handed the same message, plus direct re-deliveries of both keys.
    const containers = [createQueueHandler(controllers.replicaSets, deps), createQueueHandler(controllers.replicaSets, deps)];
    const record = (id: string) => ({
      messageId: id, receiptHandle: id, body: JSON.stringify({ key: rsKey, cause: 'change' }), md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '', SenderId: '', ApproximateFirstReceiveTimestamp: '', MessageGroupId: rsKey }, messageAttributes: {},
    });
    // A direct call that loses every conflicting write to its twins throws, which the
    // queue handler would turn into a retry; only what ends up in the store matters here.
    const duplicates = async () => {
      await Promise.allSettled([
        ...containers.map((handle, i) => handle({ Records: [record(`dup-${i}`)] })),
        controllers.replicaSets.reconcile({ group: 'apps', resource: 'replicasets', namespace: ns, name: rs!.metadata!.name! }, signal),
        controllers.deployments.reconcile({ group: 'apps', resource: 'deployments', namespace: ns, name: 'dup' }, signal),
        controllers.deployments.reconcile({ group: 'apps', resource: 'deployments', namespace: ns, name: 'dup' }, signal),
      ]);
    };

    const sampler = sampleBounds('app=dup', { maxActive: 6, minReady: 0 });
    let rounds = 0;
    try {
      expect((await kubectl.run(['scale', 'deployment/dup', '--replicas=6'])).code).toBe(0);
      await eventually('6 ready dup pods under duplicate deliveries', async () => {
        await duplicates();
        rounds++;
        const pods = await activePods('app=dup');
        return pods.length === 6 && pods.every(isReady);
      }, 90_000);
      // A few more rounds once settled: still nothing extra.
      for (let i = 0; i < 5; i++) await duplicates();
    } finally {
      await sampler.stop();
    }
    expect(rounds).toBeGreaterThan(0);
    expect(sampler.violations).toEqual([]);
    const all = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=dup' })).items;
    expect(all).toHaveLength(6);
    expect((await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=dup' })).items).toHaveLength(1);
  }, 150_000);
});
