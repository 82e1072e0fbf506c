// The simulated runtime at scale: one agent runs 200 pods (bound by hand through
// pods/binding), reports every one Running and Ready, and finishes them all when they are
// deleted. No processes; container starts share one timer and status writes are coalesced.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../lib/agent/agent.ts';
import { SimulatedRuntime } from '../../lib/agent/runtimes/simulated-runtime.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';
import { startLocalAgents } from '../../local/agent-command.ts';
import { adminClient, bind, nodeToken, startTestAgent } from './agent-support.ts';

const NODE = 'sim-node';
const COUNT = 200; // 500 passes alone (~60 s) but can starve behind the 2000-pod scheduler file on 2 cores
const ns = 'default';
let cluster: TestCluster;
let core: k8s.CoreV1Api;
let agent: Agent;

beforeAll(async () => {
  cluster = await startTestCluster();
  core = adminClient(cluster);
  ({ agent } = await startTestAgent(cluster, NODE, () => new SimulatedRuntime({ nodeName: NODE, startDelayMs: 200 }), {
    capacity: { cpu: '64', memory: '256Gi', pods: String(COUNT * 2) },
    pollIntervalMs: 500,
  }));
}, 120_000);
afterAll(async () => {
  await agent?.stop();
  await cluster?.stop();
});

/** Runs `task` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

async function phases(): Promise<Map<string, number>> {
  const list = await core.listNamespacedPod({ namespace: ns, fieldSelector: `spec.nodeName=${NODE}` });
  const out = new Map<string, number>();
  for (const p of list.items) {
    const key = `${p.status?.phase}/${p.status?.conditions?.find((c) => c.type === 'Ready')?.status}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

describe('node agent, simulated runtime', () => {
  it('reports its capacity and runtime', async () => {
    const node = await core.readNode({ name: NODE });
    expect(node.status?.capacity).toMatchObject({ cpu: '64', memory: '256Gi', pods: String(COUNT * 2) });
    expect(node.status?.allocatable).toEqual(node.status?.capacity);
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toBe('simulated://1');
  });

  it(`runs ${COUNT} pods on one agent`, async () => {
    const names = Array.from({ length: COUNT }, (_, i) => `sim-${String(i).padStart(4, '0')}`);
    await inParallel(names, 16, async (name) => {
      await core.createNamespacedPod({ namespace: ns, body: { metadata: { name, labels: { app: 'sim' } }, spec: { containers: [{ name: 'c', image: 'pause' }] } } });
      await bind(core, ns, name, NODE);
    });
    let seen = new Map<string, number>();
    await eventually(`${COUNT} pods Running and Ready`, async () => {
      seen = await phases();
      return seen.get('Running/True') === COUNT;
    }, 180_000);
    const one = await core.readNamespacedPod({ namespace: ns, name: 'sim-0042' });
    expect(one.status?.containerStatuses?.[0]).toMatchObject({ name: 'c', ready: true, started: true, restartCount: 0 });
    expect(one.status?.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    // The not-ready report's reason and message must not outlive it (conditions merge by type).
    for (const type of ['Ready', 'ContainersReady']) {
      const c = one.status?.conditions?.find((x) => x.type === type);
      expect(c).toMatchObject({ status: 'True' });
      expect(c?.reason).toBeUndefined();
      expect(c?.message).toBeUndefined();
    }
  }, 240_000);

  it('finishes them all when they are deleted', async () => {
    await core.deleteCollectionNamespacedPod({ namespace: ns, labelSelector: 'app=sim' });
    await eventually('every pod gone', async () => (await phases()).size === 0, 180_000);
  }, 240_000);
});

describe('startLocalAgents (what skiff up --nodes runs)', () => {
  it('starts local-1 … local-N with their own node tokens, and stops them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skiff-local-agents-'));
    const users: string[] = [];
    const local = await startLocalAgents({
      apiUrl: cluster.url, caPem: cluster.caCertPem, count: 2, runtime: 'simulated', home,
      tokenFor: async (node) => {
        users.push(node);
        return nodeToken(cluster, node);
      },
    });
    try {
      await Promise.all(local.agents.map((a) => a.ready));
      expect(users).toEqual(['local-1', 'local-2']);
      for (const name of users) {
        const node = await core.readNode({ name });
        expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
        expect(node.status?.addresses?.[0]).toEqual({ type: 'InternalIP', address: '127.0.0.1' });
      }
    } finally {
      await local.stop();
    }
  });
});
