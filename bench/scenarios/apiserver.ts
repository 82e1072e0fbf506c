// apiserver throughput and latency over HTTPS: create, get, list and merge-patch of
// ConfigMaps at concurrency 1, 8 and 32, each phase bounded by a count and a time. The
// list reads a namespace of LIST_SIZE ConfigMaps. Also the cost of plain API writes.
import { apiClient, expectStatus, type ApiClient } from '../lib/http.ts';
import { runLoad } from '../lib/load.ts';
import type { ApiRow, Results, Scenario } from '../lib/results.ts';
import { skiffUp } from '../lib/skiff-process.ts';
import { summarize } from '../lib/stats.ts';
import { measureWrites } from './cost-writes.ts';

const CONCURRENCIES = [1, 8, 32];
const LIST_SIZE = 100;
const NS = '/api/v1/namespaces';

function configMap(name: string): unknown {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'bench' } }, data: { key: 'value'.repeat(20) } };
}

async function namespace(api: ApiClient, name: string): Promise<void> {
  expectStatus(await api.call('POST', NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), [201, 409], `create namespace ${name}`);
}

export const apiserverScenario: Scenario = {
  name: 'apiserver',
  async run({ quick, log }) {
    const skiff = await skiffUp(['--nodes', '0']);
    const api = apiClient(skiff.apiUrl, skiff.token, skiff.caPem);
    try {
      await namespace(api, 'bench');
      await namespace(api, 'bench-list');
      await runLoad({ concurrency: 8, count: LIST_SIZE, maxMs: 60_000, op: async (i) => {
        expectStatus(await api.call('POST', `${NS}/bench-list/configmaps`, configMap(`l-${i}`)), [201], 'seed list');
      } });
      const count = quick ? 60 : 400;
      const maxMs = quick ? 2000 : 6000;
      const rows: ApiRow[] = [];
      for (const c of CONCURRENCIES) {
        const created: string[] = [];
        const phases: [string, (i: number, w: number) => Promise<void>][] = [
          ['create', async (i) => {
            const name = `c${c}-${i}`;
            expectStatus(await api.call('POST', `${NS}/bench/configmaps`, configMap(name)), [201], 'create');
            created.push(name);
          }],
          ['get', async (i) => {
            expectStatus(await api.call('GET', `${NS}/bench/configmaps/${created[i % created.length]}`), [200], 'get');
          }],
          ['list', async () => {
            expectStatus(await api.call('GET', `${NS}/bench-list/configmaps`), [200], 'list');
          }],
          // One object per worker, so patches measure the write path rather than conflicts.
          ['patch', async (i, w) => {
            const body = { data: { counter: String(i) } };
            expectStatus(await api.call('PATCH', `${NS}/bench/configmaps/${created[w % created.length]}`, body, 'application/merge-patch+json'), [200], 'patch');
          }],
        ];
        for (const [verb, op] of phases) {
          const r = await runLoad({ concurrency: c, count: verb === 'list' ? Math.ceil(count / 4) : count, maxMs, op });
          const s = summarize(r.latenciesMs, r.wallMs);
          rows.push({ verb, concurrency: c, perSec: s.perSec, p50Ms: s.p50Ms, p99Ms: s.p99Ms, count: s.count, errors: r.errors });
          log(`apiserver ${verb} c=${c}: ${s.perSec}/s p50 ${s.p50Ms} ms p99 ${s.p99Ms} ms (${s.count} ok, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ''})`);
        }
      }
      const writes = await measureWrites(skiff, api, quick ? 50 : 200, log);
      return { apiserver: rows, cost: { writes } as Results['cost'] };
    } finally {
      api.close();
      await skiff.stop();
    }
  },
};
