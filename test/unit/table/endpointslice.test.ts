import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

const NOW = new Date('2026-01-01T00:10:00Z');
const GK = { group: 'discovery.k8s.io', kind: 'EndpointSlice' };

function slice(ports: unknown[] | undefined, addresses: string[][]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde', creationTimestamp: '2026-01-01T00:05:00Z' },
    addressType: 'IPv4', ...(ports ? { ports } : {}), endpoints: addresses.map((a) => ({ addresses: a, conditions: { ready: false } })),
  };
}

describe('kubectl get endpointslices (kube’s printEndpointSlice)', () => {
  it('prints NAME ADDRESSTYPE PORTS ENDPOINTS AGE, every address ready or not', () => {
    const t = tableFor(GK, [slice([{ name: 'http', port: 8080, protocol: 'TCP' }], [['10.0.0.1'], ['10.0.0.2']])], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0], ['AddressType', 'string', '', 0], ['Ports', 'string', '', 0], ['Endpoints', 'string', '', 0], ['Age', 'string', '', 0],
    ]);
    expect(t.rows[0]!.cells).toEqual(['web-abcde', 'IPv4', '8080', '10.0.0.1,10.0.0.2', '5m']);
  });

  it('shows <unset> for none, a port by name or * without a number, and "+ N more..." past three', () => {
    const many = slice([{ port: 1 }, { name: 'named' }, {}, { port: 4 }], [['10.0.0.1', '10.0.0.2'], ['10.0.0.3'], ['10.0.0.4'], ['10.0.0.5']]);
    expect(tableFor(GK, [many], { now: NOW }).rows[0]!.cells.slice(2, 4)).toEqual(['1,named,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...']);
    expect(tableFor(GK, [slice(undefined, [])], { now: NOW }).rows[0]!.cells.slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});
