// The cost of API writes: N ConfigMap creates over HTTPS with the pipeline left to finish
// (stream → fanout), counted by the skiff up process's usage meter and priced.
import { costOf, usageBetween } from '../lib/cost.ts';
import { expectStatus, type ApiClient } from '../lib/http.ts';
import { runLoad } from '../lib/load.ts';
import type { Results } from '../lib/results.ts';
import type { SkiffUp } from '../lib/skiff-process.ts';
import { quietUsage } from '../lib/usage-window.ts';

export async function measureWrites(skiff: SkiffUp, api: ApiClient, count: number, log: (l: string) => void): Promise<NonNullable<Results['cost']>['writes']> {
  const before = await quietUsage(skiff);
  await runLoad({ concurrency: 8, count, maxMs: 60_000, op: async (i) => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cost-${i}` }, data: { key: 'value'.repeat(20) } };
    expectStatus(await api.call('POST', '/api/v1/namespaces/bench/configmaps', body), [201], 'create');
  } });
  const usage = usageBetween(before, await quietUsage(skiff));
  const breakdownUsd = costOf(usage);
  log(`cost: ${count} writes → $${breakdownUsd.totalUsd.toFixed(6)} (${JSON.stringify(usage)})`);
  return { count, usage, breakdownUsd };
}
