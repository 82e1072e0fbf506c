// Scheduler throughput: pods bound per second with 100 and 1000 simulated nodes (Node
// objects no agent backs), 2000 pending pods, 1 and 8 workers (queue consumers).
//
// In-process on local/'s startCluster (what `skiff up` runs) in a temporary home, because
// the pods must be pending before the scheduler starts: the cluster runs no consumers while
// nodes and pods are created, then an event runner with N scheduler consumers is started
// on the same table and queues and the pending pods' keys are enqueued at once — the
// same messages a resync sends. A bind counts when its reconcile ends without a requeue.
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

async function oneCluster(nodes: number, pods: number, workerCounts: number[], maxMs: number, log: (l: string) => void): Promise<SchedulerRow[]> {
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
    const nsType = ctx.registry.lookup('', 'v1', 'namespaces')!;
    const t0 = performance.now();
    await runLoad({ concurrency: 16, count: nodes, maxMs: 300_000, op: (i) => createObject(ctx, nodeType, node(`sim-${i}`)).then(() => undefined) });
    log(`scheduler: ${nodes} nodes created in ${Math.round(performance.now() - t0)} ms`);
    for (const workers of workerCounts) {
      const ns = `sched-w${workers}`;
      await createObject(ctx, nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const t1 = performance.now();
      const made = await runLoad({ concurrency: 16, count: pods, maxMs: 300_000, op: (i) => createObject(ctx, podType, pod(`p-${i}`, ns)).then(() => undefined) });
      log(`scheduler: ${made.latenciesMs.length} pending pods created in ${Math.round(performance.now() - t1)} ms`);

      const bound = new Set<string>();
      const counted = (r: Reconciler): Reconciler => ({
        name: r.name,
        async reconcile(key, signal) {
          const result = await r.reconcile(key, signal);
          if (key.resource === 'pods' && key.namespace === ns && !result?.requeueAfterMs) bound.add(key.name);
          return result;
        },
      });
      const queue = new SqsWorkQueue(sqs, cluster.queueUrls);
      const runner = startEventRunner({
        dynamo, streams, sqs, tableName: TABLE_NAME, queueUrls: cluster.queueUrls, store: ctx.store, changeLog: ctx.changes,
        reconcilers: Array.from({ length: workers }, () => counted(schedulerController(ctx, { queue }))),
        metrics: deps.metrics, clock: systemClock, log: () => undefined, resyncIntervalMs: 0,
      });
      const usage0 = meter.snapshot();
      const start = performance.now();
      const round0 = `bench@${new Date().toISOString()}`;
      await sendAll(queue, 'scheduler', Array.from({ length: made.latenciesMs.length }, (_, i) => resyncMessage(`/pods/${ns}/p-${i}`, round0)));
      await pollUntil(() => (bound.size >= made.latenciesMs.length ? true : undefined), maxMs, 100);
      const seconds = (performance.now() - start) / 1000;
      await runner.stop();
      const perBind = Object.entries(usageBetween(usage0, meter.snapshot()).dynamo.requests).map(([op, n]) => `${op} ${round(n / Math.max(1, bound.size), 1)}`).join(', ');
      log(`scheduler: DynamoDB requests per bind: ${perBind}`);
      rows.push({ nodes, workers, pods: made.latenciesMs.length, bound: bound.size, seconds: round(seconds, 1), podsPerSec: rate(bound.size, seconds * 1000) });
      log(`scheduler: ${nodes} nodes, ${workers} workers: ${bound.size}/${made.latenciesMs.length} bound in ${round(seconds, 1)} s`);
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

export const schedulerScenario: Scenario = {
  name: 'scheduler',
  async run({ quick, log }) {
    const pods = quick ? 100 : 2000;
    const maxMs = quick ? 60_000 : 120_000;
    const rows = [
      ...(await oneCluster(100, pods, [1, 8], maxMs, log)),
      ...(quick ? [] : await oneCluster(1000, pods, [1, 8], maxMs, log)),
    ];
    return { scheduler: rows };
  },
};
