// `npm run bench`: runs each scenario on its own fresh cluster, one after another, prints
// the tables and writes bench/results.json. Benchmarks print numbers; they never fail on
// them. Flags: --only a,b (some scenarios), --quick (small sizes), --out FILE.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { report } from './lib/report.ts';
import type { Results, Scenario } from './lib/results.ts';
import { round } from './lib/stats.ts';
import { apiserverScenario } from './scenarios/apiserver.ts';
import { e2eScenario } from './scenarios/e2e.ts';
import { idleScenario } from './scenarios/idle.ts';
import { schedulerScenario } from './scenarios/scheduler.ts';
import { storeScenario } from './scenarios/store.ts';

const SCENARIOS: Scenario[] = [idleScenario, storeScenario, apiserverScenario, schedulerScenario, e2eScenario];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const only = flag('--only')?.split(',');
const partial = quick || Boolean(only);
const out = flag('--out') ?? (partial ? join(import.meta.dirname, 'results.partial.json') : join(import.meta.dirname, 'results.json'));
const log = (line: string) => console.log(`  ${line}`);

const results: Results = {
  startedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length, node: process.version, loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    note: 'a shared 2-core machine with other work running: numbers are noisy, compare within one run',
  },
  durations: {},
};
const started = performance.now();
for (const s of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
  console.log(`bench: ${s.name} …`);
  const t0 = performance.now();
  try {
    const r = await s.run({ quick, log });
    // The cost comes in two halves: writes (apiserver) and a pod lifecycle (e2e).
    const cost = { ...results.cost, ...r.cost } as Results['cost'];
    Object.assign(results, r, cost ? { cost } : {});
  } catch (err) {
    console.log(`bench: ${s.name} did not finish: ${err instanceof Error ? err.stack : String(err)}`);
  }
  results.durations![s.name] = Math.round((performance.now() - t0) / 1000);
}
if (results.cost) {
  const { writes, podLifecycle } = results.cost;
  results.cost.perMillionWritesUsd = writes ? round(((writes.breakdownUsd as { totalUsd: number }).totalUsd / writes.count) * 1e6, 2) : 0;
  const life = podLifecycle?.breakdownUsd as { totalUsd: number; idleUsd: number } | undefined;
  results.cost.perPodLifecycleUsd = podLifecycle && life ? round(Math.max(0, life.totalUsd - life.idleUsd) / podLifecycle.pods, 8) : 0;
  results.cost.prices = await import('./lib/cost.ts').then((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number') as [string, number][]));
}
results.durations!['total'] = Math.round((performance.now() - started) / 1000);
console.log(`\n${report(results)}`);
console.log(`bench: ${results.durations!['total']} s in all; wrote ${out}`);
console.log(`bench: ${results.machine!.note}`);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
