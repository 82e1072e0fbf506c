// What `kubectl get events` and `kubectl describe pod` show for pods an agent runs, against
// a real apiserver over HTTPS with the scheduler running: kubelet's Pulled/Created/Started
// after the scheduler's Scheduled, Killing on delete, and a crash loop's BackOff counted
// on one Event. The agents write Events with their node tokens.
import { release } from 'node:os';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../lib/agent/agent.ts';
import { ProcessRuntime } from '../../lib/agent/runtimes/process-runtime.ts';
import { SIMULATED_OS_IMAGE } from '../../lib/agent/machine.ts';
import { SimulatedRuntime } from '../../lib/agent/runtimes/simulated-runtime.ts';
import { schedulerController } from '../../lib/controllers/scheduler/controller.ts';
import { parseTable } from '../support/e2e.ts';
import { kubectlRunner } from '../support/kubectl.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';
import { adminClient, startTestAgent } from './agent-support.ts';

const SIM = 'ev-sim';
const PROC = 'ev-proc';
const ns = 'default';
let cluster: TestCluster;
let core: k8s.CoreV1Api;
let kubectl: ReturnType<typeof kubectlRunner>;
const agents: Agent[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({ reconcilers: (ctx) => [schedulerController(ctx)] });
  core = adminClient(cluster);
  kubectl = kubectlRunner(cluster.kubeconfigPath);
  agents.push((await startTestAgent(cluster, SIM, () => new SimulatedRuntime({ nodeName: SIM, startDelayMs: 100 }))).agent);
  agents.push((await startTestAgent(cluster, PROC, (dir) => new ProcessRuntime({ stateDir: dir, hostIP: '127.0.0.1' }), { backoff: { initialMs: 200, maxMs: 1000 } })).agent);
}, 120_000);
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await cluster?.stop();
});

interface EventItem {
  metadata: { name: string };
  reason: string;
  message: string;
  type: string;
  count: number;
  source: { component: string; host?: string };
  involvedObject: { kind: string; name: string; fieldPath?: string };
}

/** What `kubectl get events --field-selector involvedObject.name=<pod>` lists, in its order. */
async function eventsOf(pod: string): Promise<EventItem[]> {
  const r = await kubectl.run(['get', 'events', '-n', ns, '--field-selector', `involvedObject.name=${pod}`, '-o', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { items: EventItem[] }).items;
}

describe('agent events', () => {
  it('shows the nodes\' OS image and kernel in kubectl get nodes -o wide', async () => {
    const r = await kubectl.run(['get', 'node', SIM, '-o', 'wide']);
    const [row] = parseTable(r.stdout);
    expect(row).toMatchObject({ NAME: SIM, 'OS-IMAGE': SIMULATED_OS_IMAGE, 'KERNEL-VERSION': release(), 'CONTAINER-RUNTIME': 'simulated://1' });
    const proc = await core.readNode({ name: PROC });
    // A process node describes this machine: PRETTY_NAME from os-release, not the kernel's build string.
    expect(proc.status?.nodeInfo?.osImage).not.toMatch(/^#/);
    expect(proc.status?.nodeInfo?.osImage).not.toBe('');
  });

  it('records Pulled, Created and Started after Scheduled, then Killing on delete', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'ev-web' }, spec: { nodeSelector: { 'kubernetes.io/hostname': SIM }, containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    });
    let events: EventItem[] = [];
    await eventually('Scheduled and kubelet events', async () => {
      events = await eventsOf('ev-web');
      return ['Scheduled', 'Started'].every((r) => events.some((e) => e.reason === r));
    }, 60_000);
    expect(events.find((e) => e.reason === 'Scheduled')).toMatchObject({ source: { component: 'default-scheduler' }, message: `Successfully assigned ${ns}/ev-web to ${SIM}` });
    const kubelet = events.filter((e) => e.source.component === 'kubelet');
    expect(kubelet.map((e) => [e.reason, e.message])).toEqual([
      ['Pulled', 'Container image "nginx:1.27" already present on machine'],
      ['Created', 'Created container: web'],
      ['Started', 'Started container web'],
    ]);
    for (const e of kubelet) {
      expect(e).toMatchObject({ type: 'Normal', count: 1, source: { host: SIM }, involvedObject: { kind: 'Pod', name: 'ev-web', fieldPath: 'spec.containers{web}' } });
    }
    const described = await kubectl.run(['describe', 'pod', 'ev-web', '-n', ns]);
    expect(described.stdout).toMatch(/Normal\s+Created\s+\S+\s+kubelet\s+Created container: web/);

    const deleted = await kubectl.run(['delete', 'pod', 'ev-web', '-n', ns]);
    expect(deleted.stdout).toContain('pod "ev-web" deleted');
    await eventually('Killing', async () => (await eventsOf('ev-web')).some((e) => e.reason === 'Killing'), 30_000);
    expect((await eventsOf('ev-web')).find((e) => e.reason === 'Killing')).toMatchObject({
      type: 'Normal', message: 'Stopping container web', source: { component: 'kubelet', host: SIM }, involvedObject: { fieldPath: 'spec.containers{web}' },
    });
  }, 120_000);

  it('counts a crash loop on one BackOff Event', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'ev-crash' }, spec: { nodeName: PROC, containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }] } },
    });
    let events: EventItem[] = [];
    await eventually('BackOff counted', async () => {
      events = await eventsOf('ev-crash');
      return events.some((e) => e.reason === 'BackOff' && e.count > 1);
    }, 60_000);
    const backOffs = events.filter((e) => e.reason === 'BackOff');
    expect(backOffs).toHaveLength(1);
    expect(backOffs[0]).toMatchObject({ type: 'Warning', message: expect.stringMatching(/^Back-off restarting failed container c in pod ev-crash_default\(.+\)$/) });
    // An untagged image defaults to imagePullPolicy Always: kubelet pulls at every start.
    expect(events.filter((e) => e.reason === 'Pulling')).toHaveLength(1);
    expect(events.find((e) => e.reason === 'Pulling')!.count).toBeGreaterThan(1);
    expect(events.filter((e) => e.reason === 'Started')).toHaveLength(1);
    await core.deleteNamespacedPod({ namespace: ns, name: 'ev-crash', gracePeriodSeconds: 0 });
  }, 120_000);
});
