// End to end: `kubectl apply` of a Deployment of 100, 300 and 1000 replicas (each on its
// own `skiff up` without in-process agents, plus one `skiff agent` process, simulated,
// starting containers at once) until a watch has seen every pod Running; startup latency
// p50/p99 against the SLO (p99 ≤ 5 s). The agent runs apart from the control plane, as on
// a user's machine, so each process's peak RSS is its own: the largest size gives the
// memory figures (control plane under that load, one agent holding every pod). The first
// size also yields the cost of one pod lifecycle: apply → Running → delete → gone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { costOf, usageBetween } from '../lib/cost.ts';
import { startAgent } from '../lib/agent-process.ts';
import { apiClient, type ApiClient } from '../lib/http.ts';
import { deploymentManifest, kubectl } from '../lib/kubectl.ts';
import { pollUntil } from '../lib/load.ts';
import { phaseLatencies, watchPodStartup } from '../lib/pod-watch.ts';
import type { E2eRow, Results, Scenario } from '../lib/results.ts';
import { cpuSeconds, peakRssMb, skiffUp, type SkiffUp } from '../lib/skiff-process.ts';
import { percentile, round } from '../lib/stats.ts';
import { usd } from '../lib/usage-window.ts';

const NODE = 'bench-agent';

async function readyNodes(api: ApiClient): Promise<number> {
  const res = await api.call('GET', '/api/v1/nodes');
  const items = (JSON.parse(res.body) as { items?: { status?: { conditions?: { type: string; status: string }[] } }[] }).items ?? [];
  return items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

async function podCount(api: ApiClient): Promise<number> {
  const res = await api.call('GET', '/api/v1/namespaces/default/pods');
  return ((JSON.parse(res.body) as { items?: unknown[] }).items ?? []).length;
}

interface SizeResult {
  row: E2eRow;
  memory: NonNullable<Results['memory']>;
  podLifecycle?: NonNullable<Results['cost']>['podLifecycle'];
}

async function oneSize(replicas: number, withCost: boolean, log: (l: string) => void): Promise<SizeResult> {
  const skiff: SkiffUp = await skiffUp(['--nodes', '0']);
  const api = apiClient(skiff.apiUrl, skiff.token, skiff.caPem);
  const agent = await startAgent(skiff, { node: NODE, maxPods: replicas + 10, startDelayMs: 0 });
  try {
    await pollUntil(async () => {
      agent.alive();
      return (await readyNodes(api)) >= 1 ? true : undefined;
    }, 60_000, 500);
    // The agents' polling costs money by the second, not per pod: measure it idle to subtract it.
    const idleFrom = skiff.usage();
    const idleStart = Date.now();
    if (withCost) await new Promise((r) => setTimeout(r, 5000));
    const idleUsdPerSec = withCost ? usd(usageBetween(idleFrom, skiff.usage())) / ((Date.now() - idleStart) / 1000) : 0;

    const watch = watchPodStartup(api, 'default');
    const manifest = join(skiff.home, 'deployment.json');
    writeFileSync(manifest, deploymentManifest('bench', replicas));
    const before = skiff.usage();
    const start = Date.now();
    const java = skiff.dynamodbLocalPid();
    const cpu0 = { cp: cpuSeconds(skiff.pid), java: cpuSeconds(java) };
    const applied = await kubectl(skiff.kubeconfig, skiff.home, ['apply', '-f', manifest]);
    if (applied.code !== 0) throw new Error(`kubectl apply failed: ${applied.out}`);
    // Bounds that keep the whole bench near 10 minutes here; a size cut short reports how many ran.
    const maxMs = Math.min(150_000, Math.max(45_000, replicas * 200));
    await pollUntil(() => (watch.startupMs.size >= replicas ? true : undefined), maxMs, 100);
    watch.stop();
    const cpu = { cp: round(cpuSeconds(skiff.pid) - cpu0.cp, 1), java: round(cpuSeconds(java) - cpu0.java, 1) };
    const latencies = [...watch.startupMs.values()];
    const { toBindMs, toRunMs } = phaseLatencies(watch.phases.values());
    const totalMs = (watch.startupMs.size >= replicas ? watch.lastRunningAt : Date.now()) - start;
    const row: E2eRow = {
      replicas, running: watch.startupMs.size, totalMs, msPerPod: round(totalMs / replicas, 1),
      startupP50Ms: percentile(latencies, 0.5), startupP99Ms: percentile(latencies, 0.99), controlPlanePeakRssMb: skiff.peakRssMb(),
      toBindP50Ms: percentile(toBindMs, 0.5), toBindP99Ms: percentile(toBindMs, 0.99), toRunP50Ms: percentile(toRunMs, 0.5), toRunP99Ms: percentile(toRunMs, 0.99),
      controlPlaneCpuSec: cpu.cp, dynamodbLocalCpuSec: cpu.java,
    };
    const memory = { controlPlaneRssMb: row.controlPlanePeakRssMb, agent1000PodsRssMb: agent.peakRssMb(), agentPods: replicas, agentPodsRunning: row.running, dynamodbLocalRssMb: peakRssMb(java) };
    log(`e2e ${replicas}: ${row.running} Running in ${totalMs} ms; startup p50 ${row.startupP50Ms} ms p99 ${row.startupP99Ms} ms (to bound p50 ${row.toBindP50Ms} p99 ${row.toBindP99Ms}, bound to Running p50 ${row.toRunP50Ms} p99 ${row.toRunP99Ms}); CPU s control plane ${cpu.cp}, DynamoDB Local ${cpu.java}; peak RSS control plane ${memory.controlPlaneRssMb} MiB, agent ${memory.agent1000PodsRssMb} MiB, DynamoDB Local ${memory.dynamodbLocalRssMb} MiB`);
    if (!withCost) return { row, memory };

    const deleted = await kubectl(skiff.kubeconfig, skiff.home, ['delete', 'deployment', 'bench', '--wait=false']);
    if (deleted.code !== 0) throw new Error(`kubectl delete failed: ${deleted.out}`);
    await pollUntil(async () => ((await podCount(api)) === 0 ? true : undefined), 60_000, 1000);
    await new Promise((r) => setTimeout(r, 3000));
    const usage = usageBetween(before, skiff.usage());
    const seconds = (Date.now() - start) / 1000;
    const breakdownUsd = { ...costOf(usage), idleUsd: idleUsdPerSec * seconds };
    log(`cost: ${replicas} pod lifecycles in ${round(seconds, 1)} s → $${breakdownUsd.totalUsd.toFixed(6)} less idle $${breakdownUsd.idleUsd.toFixed(6)}`);
    return { row, memory, podLifecycle: { pods: replicas, idleUsdPerSecSubtracted: idleUsdPerSec, usage, breakdownUsd } };
  } finally {
    await agent.stop();
    api.close();
    await skiff.stop();
  }
}

export const e2eScenario: Scenario = {
  name: 'e2e',
  async run({ quick, log }) {
    const sizes = quick ? [20, 60] : [100, 300, 1000];
    const rows: E2eRow[] = [];
    let podLifecycle: NonNullable<Results['cost']>['podLifecycle'] | undefined;
    let memory: Results['memory'];
    for (const [i, replicas] of sizes.entries()) {
      const r = await oneSize(replicas, i === 0, log);
      rows.push(r.row);
      podLifecycle ??= r.podLifecycle;
      memory = r.memory;
    }
    return { e2e: rows, memory, ...(podLifecycle ? { cost: { podLifecycle } as Results['cost'] } : {}) };
  },
};
