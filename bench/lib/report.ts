// Turns results into the tables `npm run bench` prints. Pure: results in, text out.
import type { Results } from './results.ts';
import { formatTable } from './table.ts';

export function report(r: Results): string {
  const out: string[] = [];
  if (r.idle) {
    out.push(`Idle cluster (skiff up, no nodes, ${r.idle.seconds} s)`,
      formatTable(['control plane CPU %', 'DynamoDB Local CPU %', 'DynamoDB req/s', 'stream req/s', 'SQS req/s'],
        [[r.idle.controlPlaneCpuPercent, r.idle.dynamodbLocalCpuPercent, r.idle.dynamodbRequestsPerSec, r.idle.streamRequestsPerSec, r.idle.sqsRequestsPerSec]]), '');
  }
  if (r.store) {
    out.push(`Store ceiling (DynamoDB Local, concurrency ${r.store.concurrency})`,
      formatTable(['conditional creates/s', 'conditional updates/s', '2-item transactions/s'], [[r.store.createsPerSec, r.store.updatesPerSec, r.store.txnPerSec]]), '');
  }
  if (r.apiserver?.length) {
    out.push('apiserver over HTTPS (ConfigMaps)',
      formatTable(['verb', 'concurrency', 'per sec', 'p50 ms', 'p99 ms', 'ok', 'errors'], r.apiserver.map((a) => [a.verb, a.concurrency, a.perSec, a.p50Ms, a.p99Ms, a.count, a.errors])), '');
  }
  if (r.scheduler?.length) {
    out.push('Scheduler (pending pods bound through the pipeline)',
      formatTable(['nodes', 'workers', 'pods', 'bound', 'seconds', 'pods bound/s'], r.scheduler.map((s) => [s.nodes, s.workers, s.pods, s.bound, s.seconds, s.podsPerSec])), '');
  }
  if (r.e2e?.length) {
    out.push('End to end: kubectl apply of a Deployment → every pod Running (watch); SLO p99 ≤ 5000 ms',
      formatTable(['replicas', 'running', 'total ms', 'ms per pod', 'startup p50 ms', 'startup p99 ms', 'to bound p50/p99', 'bound→Running p50/p99', 'CPU s (skiff/DynamoDB)', 'peak RSS MiB'],
        r.e2e.map((e) => [e.replicas, e.running, e.totalMs, e.msPerPod, e.startupP50Ms, e.startupP99Ms, `${e.toBindP50Ms}/${e.toBindP99Ms}`, `${e.toRunP50Ms}/${e.toRunP99Ms}`, `${e.controlPlaneCpuSec}/${e.dynamodbLocalCpuSec}`, e.controlPlanePeakRssMb])), '');
  }
  if (r.memory) {
    out.push(`Memory (peak RSS, MiB, through the ${r.memory.agentPods}-replica end-to-end run)`,
      formatTable(['control plane (skiff up, agents apart)', `agent (${r.memory.agentPodsRunning ?? '?'} of ${r.memory.agentPods} pods Running)`, 'DynamoDB Local (JVM)'],
        [[r.memory.controlPlaneRssMb, r.memory.agent1000PodsRssMb, r.memory.dynamodbLocalRssMb]]), '');
  }
  if (r.cost && (r.cost.writes || r.cost.podLifecycle)) {
    out.push('Cost model (AWS list prices × counted requests; see bench/lib/cost.ts)',
      formatTable(['per 1M API writes (USD)', 'per pod lifecycle (USD)'], [[r.cost.perMillionWritesUsd, r.cost.perPodLifecycleUsd]]), '');
  }
  return out.join('\n');
}
