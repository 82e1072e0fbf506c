// Scheduler throughput: pods bound per second with 100 and 1000 simulated nodes (Node
// objects no agent backs), 2000 pending pods, 1 and 8 workers (queue consumers). The 1-worker
// run binds for a bounded time; the 8-worker run then binds the pods still pending. Both
// node counts share one cluster: 900 nodes are added, and the pending pods topped up to
// 2000, before the 1000-node runs.
//
// In-process on local/'s startCluster (what `skiff up` runs) in a temporary home, because
// the pods must be pending before the scheduler starts: the cluster runs no consumers while
// nodes and pods are created, then an event runner with N scheduler consumers is started
// on the same table and queues and the pending pods' keys are enqueued at once — the
// same messages a resync sends; a run leaves the keys it did not reach in the queue for
// the next. A bind counts when its reconcile ends without a requeue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localDynamoClient, localSqsClient, localStreamsClient } from '../../local/aws-clients.ts';
import { startCluster, TABLE_NAME } from '../../local/cluster.ts';
import { startEventRunner } from '../../local/event-runner/runner.ts';
import { UsageMeter } from '../../local/usage-meter.ts';
import { schedulerController } from '../../lib/controllers/scheduler/controller.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { randomIds } from '../../lib/core/ids.ts';
import { buildDeps } from '../../lib/deps.ts';
import { resyncMessage } from '../../lib/pipeline/resync.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';
import { sendAll } from '../../lib/queue/work-queue.ts';
import { SqsWorkQueue } from '../../lib/queue/sqs-work-queue.ts';
import { createObject } from '../../lib/registry/generic/create.ts';
import type { KubeObject } from '../../lib/storage/object-store.ts';
import { pollUntil, runLoad } from '../lib/load.ts';
import type { SchedulerRow, Scenario } from '../lib/results.ts';
import { rate, round } from '../lib/stats.ts';
import { usageBetween } from '../lib/cost.ts';

function node(name: string): KubeObject {
  const now = new Date().toISOString();
  const room = { cpu: '64', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {},
    status: { capacity: room, allocatable: room, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now }] },
  };
}

function pod(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace },
    spec: { containers: [{ name: 'c', image: 'bench', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

/**
 * One cluster for every node count, smallest first: nodes are added up to each count and
 * the pending pods topped up to `pods` (a second cluster would repeat the slowest setup).
 */
async function schedulerRuns(nodeCounts: number[], pods: number, workerCounts: number[], b: Budget, log: (l: string) => void): Promise<SchedulerRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'skiff-bench-sched-'));
  const cluster = await startCluster({ home, inMemory: true, port: 0, nodes: 0, reconcilers: [], resyncIntervalMs: 0 });
  const dynamo = localDynamoClient(cluster.dynamodbEndpoint);
  const sqs = localSqsClient(cluster.sqsEndpoint);
  const streams = localStreamsClient(cluster.dynamodbEndpoint);
  // Counts what the scheduler asks of DynamoDB per bind (a diagnostic printed with the rate).
  const meter = new UsageMeter();
  meter.attachDynamo(dynamo);
  const rows: SchedulerRow[] = [];
  try {
    const deps = buildDeps({ dynamo, tableName: TABLE_NAME, clock: systemClock, ids: randomIds });
    const ctx = deps.ctx;
    const nodeType = ctx.registry.lookup('', 'v1', 'nodes')!;
    const podType = ctx.registry.lookup('', 'v1', 'pods')!;
    const created: string[] = [];
    const bound = new Set<string>();
    const enqueued = new Set<string>();
    let nodeCount = 0;
    let nextPod = 0;
    for (const nodes of nodeCounts) {
      const t0 = performance.now();
      const first = nodeCount;
      const madeNodes = await runLoad({ concurrency: 16, count: nodes - first, maxMs: b.createNodesMs, op: (i) => createObject(ctx, nodeType, node(`sim-${first + i}`)).then(() => undefined) });
      nodeCount += madeNodes.latenciesMs.length;
      log(`scheduler: ${nodeCount} nodes (${madeNodes.latenciesMs.length} new) in ${Math.round(performance.now() - t0)} ms`);
      // Pending pods topped up to `pods`: each worker count binds from what is still pending.
      const t1 = performance.now();
      const missing = pods - (created.length - bound.size);
      await runLoad({ concurrency: 16, count: Math.max(0, missing), maxMs: b.createPodsMs, op: async () => {
        const name = `p-${nextPod++}`;
        await createObject(ctx, podType, pod(name, 'default'));
        created.push(name);
      } });
      log(`scheduler: ${created.length - bound.size} pods pending (${Math.max(0, missing)} new) in ${Math.round(performance.now() - t1)} ms`);
      for (const workers of workerCounts) {
        const pending = created.filter((n) => !bound.has(n));
        const before = bound.size;
        const counted = (r: Reconciler): Reconciler => ({
          name: r.name,
          async reconcile(key, signal) {
            const result = await r.reconcile(key, signal);
            if (key.resource === 'pods' && key.namespace === 'default' && !result?.requeueAfterMs) bound.add(key.name);
            return result;
          },
        });
        const queue = new SqsWorkQueue(sqs, cluster.queueUrls);
        const runner = startEventRunner({
          dynamo, streams, sqs, tableName: TABLE_NAME, queueUrls: cluster.queueUrls, store: ctx.store, changeLog: ctx.changes,
          reconcilers: Array.from({ length: workers }, () => counted(schedulerController(ctx, { queue }))),
          metrics: deps.metrics, clock: systemClock, log: () => undefined, resyncIntervalMs: 0,
          // A worker is one receiver with its own consumer.
          pollersPerQueue: 1,
        });
        const usage0 = meter.snapshot();
        const start = performance.now();
        const round0 = `bench-w${workers}@${new Date().toISOString()}`;
        // A key left in the queue by an earlier run is still there: send only the new ones,
        // or each pod would be read once per run that enqueued it (bound on the first read).
        const fresh = pending.filter((n) => !enqueued.has(n));
        fresh.forEach((n) => enqueued.add(n));
        await sendAll(queue, 'scheduler', fresh.map((name) => resyncMessage(`/pods/default/${name}`, round0)));
        await pollUntil(() => (bound.size >= created.length ? true : undefined), workers === 1 ? b.bindOneMs : b.bindManyMs, 100);
        const seconds = (performance.now() - start) / 1000;
        const done = bound.size - before;
        await runner.stop();
        const perBind = Object.entries(usageBetween(usage0, meter.snapshot()).dynamo.requests).map(([op, n]) => `${op} ${round(n / Math.max(1, done), 1)}`).join(', ');
        rows.push({ nodes: nodeCount, workers, pods: pending.length, bound: done, seconds: round(seconds, 1), podsPerSec: rate(done, seconds * 1000) });
        log(`scheduler: ${nodeCount} nodes, ${workers} workers: ${done}/${pending.length} bound in ${round(seconds, 1)} s; DynamoDB requests per bind: ${perBind}`);
      }
    }
  } finally {
    dynamo.destroy();
    sqs.destroy();
    streams.destroy();
    await cluster.stop();
    rmSync(home, { recursive: true, force: true });
  }
  return rows;
}

/** Time limits, so a slow machine shortens a phase instead of the run never ending. */
interface Budget {
  createNodesMs: number;
  createPodsMs: number;
  /** The 1-worker run only needs a steady rate, not every pod: a short window. */
  bindOneMs: number;
  bindManyMs: number;
}

export const schedulerScenario: Scenario = {
  name: 'scheduler',
  async run({ quick, log }) {
    const pods = quick ? 100 : 2000;
    const budget: Budget = quick
      ? { createNodesMs: 30_000, createPodsMs: 30_000, bindOneMs: 10_000, bindManyMs: 20_000 }
      : { createNodesMs: 60_000, createPodsMs: 60_000, bindOneMs: 6_000, bindManyMs: 10_000 };
    return { scheduler: await schedulerRuns(quick ? [100] : [100, 1000], pods, [1, 8], budget, log) };
  },
};
