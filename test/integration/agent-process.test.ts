// The node agent with the process runtime against a real apiserver over HTTPS: init
// containers, env from ConfigMaps/Secrets/fieldRefs, readiness probes, crash-loop
// restarts, graceful deletion and `kubectl logs`. Pods are bound by hand (no scheduler).
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../lib/agent/agent.ts';
import { ProcessRuntime } from '../../lib/agent/runtimes/process-runtime.ts';
import { freePort } from '../../local/free-port.ts';
import { kubectlRunner } from '../support/kubectl.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';
import { adminClient, bind, condition, podOrGone, processAlive, startTestAgent } from './agent-support.ts';

const NODE = 'proc-node';
const ns = 'default';
let cluster: TestCluster;
let core: k8s.CoreV1Api;
let agent: Agent;
let kubectl: ReturnType<typeof kubectlRunner>;

beforeAll(async () => {
  cluster = await startTestCluster();
  core = adminClient(cluster);
  kubectl = kubectlRunner(cluster.kubeconfigPath);
  ({ agent } = await startTestAgent(cluster, NODE, (dir) => new ProcessRuntime({ stateDir: dir, hostIP: '127.0.0.1' }), { backoff: { initialMs: 200, maxMs: 1000 } }));
}, 120_000);
afterAll(async () => {
  await agent?.stop();
  await cluster?.stop();
});

async function runPod(pod: k8s.V1Pod): Promise<void> {
  await core.createNamespacedPod({ namespace: ns, body: pod });
  await bind(core, ns, pod.metadata!.name!, NODE);
}

describe('node agent, process runtime', () => {
  it('registers its node with a lease', async () => {
    const node = await core.readNode({ name: NODE });
    expect(node.metadata?.labels).toMatchObject({ 'kubernetes.io/hostname': NODE, 'kubernetes.io/os': 'linux' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.32.0-skiff');
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toBe('process://1');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    const lease = await kc.makeApiClient(k8s.CoordinationV1Api).readNamespacedLease({ namespace: 'kube-node-lease', name: NODE });
    expect(lease.spec).toMatchObject({ holderIdentity: NODE, leaseDurationSeconds: 40 });
    expect(lease.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: NODE, uid: node.metadata?.uid });
  });

  it('runs init containers, then two ready containers, and serves their logs', async () => {
    const port = await freePort();
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'web-config' }, data: { GREETING: 'hello' } } });
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'web-secret' }, stringData: { PASSWORD: 's3cret' } } });
    await runPod({
      metadata: { name: 'web' },
      spec: {
        terminationGracePeriodSeconds: 3,
        volumes: [{ name: 'data', emptyDir: {} }],
        initContainers: [{ name: 'init', image: 'none', command: ['sh', '-c', 'echo initialized; echo ok > "$SKIFF_VOLUME_DATA/init.txt"'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        containers: [
          {
            name: 'a',
            image: 'none',
            // Ignores SIGTERM, so deletion has to fall back to SIGKILL after the grace period.
            command: ['sh', '-c', 'trap "" TERM; echo "a says $GREETING from $POD_NAME"; cat "$SKIFF_VOLUME_DATA/init.txt"; touch "$SKIFF_VOLUME_DATA/a-ready"; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done'],
            env: [
              { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'GREETING' } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
            readinessProbe: { exec: { command: ['sh', '-c', 'test -f "$SKIFF_VOLUME_DATA/a-ready"'] }, periodSeconds: 1 },
          },
          {
            name: 'b',
            image: 'none',
            command: [process.execPath, '-e', `console.log('b has ' + process.env.PASSWORD.length + ' secret chars'); require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
            envFrom: [{ secretRef: { name: 'web-secret' } }],
            ports: [{ name: 'http', containerPort: port }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 1 },
          },
        ],
      },
    });

    let pod: k8s.V1Pod | undefined;
    await eventually('web Running and Ready', async () => {
      pod = await podOrGone(core, ns, 'web');
      return pod?.status?.phase === 'Running' && condition(pod, 'Ready') === 'True';
    }, 60_000);
    expect(pod!.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod!.status?.containerStatuses?.map((s) => [s.name, s.ready, s.started, s.restartCount])).toEqual([['a', true, true, 0], ['b', true, true, 0]]);
    expect(condition(pod, 'Initialized')).toBe('True');
    expect(condition(pod, 'ContainersReady')).toBe('True');
    expect(condition(pod, 'PodScheduled')).toBe('True');
    expect(pod!.status?.podIP).toBe('127.0.0.1');
    expect(pod!.status?.hostIP).toBe('127.0.0.1');
    expect(pod!.status?.startTime).toBeTruthy();

    await eventually('kubectl logs shows a\'s output', async () => {
      const r = await kubectl.run(['logs', 'web', '-c', 'a']);
      return r.code === 0 && r.stdout.includes('a says hello from web') && r.stdout.includes('tick 3');
    });
    const a = await kubectl.run(['logs', 'web', '-c', 'a']);
    expect(a.stdout.split('\n')[1]).toBe('ok');
    const tail = await kubectl.run(['logs', 'web', '-c', 'a', '--tail', '2']);
    expect(tail.code).toBe(0);
    expect(tail.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(tail.stdout).toMatch(/^tick \d+\ntick \d+\n$/);
    await eventually('init and b logs', async () => {
      const init = await kubectl.run(['logs', 'web', '-c', 'init']);
      const b = await kubectl.run(['logs', 'web', '-c', 'b']);
      return init.stdout === 'initialized\n' && b.stdout === 'b has 6 secret chars\n';
    });

    const err = await core.readNamespacedPodLog({ namespace: ns, name: 'web' }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect((err as k8s.ApiException<string>).code).toBe(400);
    expect(JSON.parse((err as k8s.ApiException<string>).body).message).toBe('a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [init]');
  });

  it('stops every process within the grace period on delete, then the pod disappears', async () => {
    const pod = await core.readNamespacedPod({ namespace: ns, name: 'web' });
    const pids = (pod.status?.containerStatuses ?? []).map((s) => Number(s.containerID?.replace('process://', '')));
    expect(pids.every((p) => p > 0 && processAlive(p))).toBe(true);
    await core.deleteNamespacedPod({ namespace: ns, name: 'web' });
    await eventually('web gone', async () => (await podOrGone(core, ns, 'web')) === undefined, 30_000);
    expect(pids.filter(processAlive)).toEqual([]);
  });

  it('restarts a crashing container with back-off and keeps the previous run\'s log', async () => {
    await runPod({ metadata: { name: 'crasher' }, spec: { containers: [{ name: 'c', image: 'none', command: ['sh', '-c', 'echo crashing; exit 3'] }] } });
    let pod: k8s.V1Pod | undefined;
    await eventually('restartCount grows', async () => {
      pod = await podOrGone(core, ns, 'crasher');
      return (pod?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 3;
    }, 60_000);
    const status = pod!.status!.containerStatuses![0]!;
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(pod!.status?.phase).toBe('Running');
    await eventually('CrashLoopBackOff', async () => {
      const s = (await podOrGone(core, ns, 'crasher'))?.status?.containerStatuses?.[0];
      return s?.state?.waiting?.reason === 'CrashLoopBackOff' && /^back-off \S+ restarting failed container=c pod=crasher_default\(/.test(s.state.waiting.message ?? '');
    }, 30_000);
    // The agent pushes a run's log when the run ends, so the newest previous run's log can
    // land a moment after its status: poll, and assert what it finally says.
    let previous = '';
    await eventually('the previous run\'s log', async () => {
      previous = (await kubectl.run(['logs', 'crasher', '--previous'])).stdout;
      return previous !== '';
    }, 15_000);
    expect(previous).toBe('crashing\n');
  });

  it('fails a container without a command with a clear reason', async () => {
    await runPod({ metadata: { name: 'no-command' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } });
    let pod: k8s.V1Pod | undefined;
    await eventually('no-command Failed', async () => {
      pod = await podOrGone(core, ns, 'no-command');
      return pod?.status?.phase === 'Failed';
    }, 30_000);
    expect(pod!.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      reason: 'ContainerCannotRun', message: 'the process runtime needs spec.containers[].command',
    });
    expect(condition(pod, 'Ready')).toBe('False');
  });
});
