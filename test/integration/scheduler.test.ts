// No overcommit: 8 concurrent scheduler workers, 2000 pods, 20 nodes with room for exactly
// 1000 of them, on DynamoDB Local and the SQS emulator through the real pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerController } from '../../lib/controllers/scheduler/controller.ts';
import { createObject } from '../../lib/registry/generic/create.ts';
import type { KubeObject } from '../../lib/storage/object-store.ts';
import { eventually } from '../support/pipeline.ts';
import { startTestCluster, type TestCluster } from '../support/test-cluster.ts';

let cluster: TestCluster;
const NODES = 20;
const PODS = 2000;

beforeAll(async () => {
  cluster = await startTestCluster({ reconcilers: (ctx) => Array.from({ length: 8 }, () => schedulerController(ctx, { snapshotTtlMs: 2000, retryUnschedulableMs: 600_000 })) });
});
afterAll(async () => {
  await cluster?.stop();
});

function node(i: number): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(2, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
    spec: {},
    status: {
      capacity: { cpu: '5', memory: '64Gi', pods: '110' }, allocatable: { cpu: '5', memory: '64Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
    },
  };
}

function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}

describe('scheduler', () => {
  it('never overcommits a node under 8 concurrent workers, binds every pod that fits, and explains the rest', async () => {
    const ctx = cluster.deps.ctx;
    const nodes = ctx.registry.lookup('', 'v1', 'nodes')!;
    const pods = ctx.registry.lookup('', 'v1', 'pods')!;
    for (let i = 0; i < NODES; i++) await createObject(ctx, nodes, node(i));
    for (let i = 0; i < PODS; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => createObject(ctx, pods, pod(i + j))));

    const settled = async () => {
      const all = (await ctx.store.list(pods, { namespace: 'default' })).items;
      const decided = all.filter((p) => (p['spec'] as { nodeName?: string }).nodeName || ((p['status'] as any)?.conditions ?? []).some((c: any) => c.reason === 'Unschedulable'));
      return decided.length === PODS ? all : undefined;
    };
    let all: KubeObject[] | undefined;
    await eventually('every pod to be bound or marked Unschedulable', async () => Boolean((all = await settled())), 600_000);

    const perNode = new Map<string, number>();
    for (const p of all!) {
      const n = (p['spec'] as { nodeName?: string }).nodeName;
      if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    // 5 CPUs at 100m each: no node may hold more than 50 of these pods.
    expect(Math.max(...perNode.values())).toBe(50);
    expect([...perNode.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(perNode.size).toBe(NODES);
    for (let i = 0; i < NODES; i++) {
      const usage = await ctx.accounting!.usage(`node-${String(i).padStart(2, '0')}`);
      expect(usage.milliCpu).toBe(5000n);
      expect(usage.pods).toBe(50);
    }
    const waiting = all!.filter((p) => !(p['spec'] as { nodeName?: string }).nodeName);
    expect(waiting).toHaveLength(1000);
    const condition = ((waiting[0]!['status'] as any).conditions as any[]).find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(condition.message).toMatch(/^0\/20 nodes are available: 20 Insufficient cpu\./);
    const events = (await ctx.store.list({ group: '', resource: 'events' }, { namespace: 'default' })).items;
    expect(events.some((e) => e['reason'] === 'FailedScheduling' && e['type'] === 'Warning')).toBe(true);
  }, 900_000);
});
