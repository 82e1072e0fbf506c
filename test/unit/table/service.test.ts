import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const CREATED = '2025-06-01T11:57:00Z'; // 3m

function service(spec: Json, status?: Json): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED }, spec, ...(status ? { status } : {}) };
}

function rowOf(kind: string, obj: KubeObject): Record<string, TableCell> {
  const t = tableFor({ group: '', kind }, [obj], { now: NOW });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

describe('service', () => {
  it('has kube’s columns', () => {
    const t = tableFor({ group: '', kind: 'Service' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Type', 0],
      ['Cluster-IP', 0],
      ['External-IP', 0],
      ['Port(s)', 0],
      ['Age', 0],
      ['Selector', 1],
    ]);
  });

  const ports = [
    { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443, nodePort: 30443 },
  ];

  it.each<[string, KubeObject, Record<string, TableCell>]>([
    [
      'ClusterIP',
      service({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { 'k8s-app': 'kube-dns' } }),
      { Name: 'web', Type: 'ClusterIP', 'Cluster-IP': '10.96.0.10', 'External-IP': '<none>', 'Port(s)': '53/UDP,53/TCP', Age: '3m', Selector: 'k8s-app=kube-dns' },
    ],
    [
      'NodePort, selector sorted by key',
      service({ type: 'NodePort', clusterIPs: ['10.96.1.1'], ports, selector: { tier: 'fe', app: 'web' } }),
      { Name: 'web', Type: 'NodePort', 'Cluster-IP': '10.96.1.1', 'External-IP': '<none>', 'Port(s)': '80/TCP,443:30443/TCP', Age: '3m', Selector: 'app=web,tier=fe' },
    ],
    [
      'ClusterIP with external IPs',
      service({ type: 'ClusterIP', clusterIPs: ['10.96.1.2'], externalIPs: ['203.0.113.5', '203.0.113.6'], ports: [{ port: 80, protocol: 'TCP' }] }),
      { Name: 'web', Type: 'ClusterIP', 'Cluster-IP': '10.96.1.2', 'External-IP': '203.0.113.5,203.0.113.6', 'Port(s)': '80/TCP', Age: '3m', Selector: '<none>' },
    ],
    [
      'LoadBalancer still pending',
      service({ type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31080 }] }),
      { Name: 'web', Type: 'LoadBalancer', 'Cluster-IP': '10.96.1.3', 'External-IP': '<pending>', 'Port(s)': '80:31080/TCP', Age: '3m', Selector: '<none>' },
    ],
    [
      'LoadBalancer provisioned: ingress sorted and de-duplicated, then external IPs',
      service(
        { type: 'LoadBalancer', clusterIPs: ['10.96.1.4'], externalIPs: ['203.0.113.9'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31080 }] },
        { loadBalancer: { ingress: [{ ip: '198.51.100.7' }, { hostname: 'lb.example.com' }, { ip: '198.51.100.7' }, { ip: '198.51.100.2', hostname: 'ignored.example.com' }] } },
      ),
      {
        Name: 'web',
        Type: 'LoadBalancer',
        'Cluster-IP': '10.96.1.4',
        'External-IP': '198.51.100.2,198.51.100.7,lb.example.com,203.0.113.9',
        'Port(s)': '80:31080/TCP',
        Age: '3m',
        Selector: '<none>',
      },
    ],
    [
      'ExternalName',
      service({ type: 'ExternalName', externalName: 'db.example.com' }),
      { Name: 'web', Type: 'ExternalName', 'Cluster-IP': '<none>', 'External-IP': 'db.example.com', 'Port(s)': '<none>', Age: '3m', Selector: '<none>' },
    ],
    [
      'headless',
      service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }], selector: { app: 'db' } }),
      { Name: 'web', Type: 'ClusterIP', 'Cluster-IP': 'None', 'External-IP': '<none>', 'Port(s)': '5432/TCP', Age: '3m', Selector: 'app=db' },
    ],
    [
      'only clusterIP set (pre-clusterIPs object)',
      service({ type: 'ClusterIP', clusterIP: '10.96.7.7', ports: [{ port: 80 }] }),
      { Name: 'web', Type: 'ClusterIP', 'Cluster-IP': '10.96.7.7', 'External-IP': '<none>', 'Port(s)': '80/TCP', Age: '3m', Selector: '<none>' },
    ],
  ])('%s', (_name, obj, want) => {
    expect(rowOf('Service', obj)).toEqual(want);
  });
});

describe('endpoints', () => {
  function endpoints(subsets?: Json[]): KubeObject {
    return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED }, ...(subsets ? { subsets } : {}) };
  }
  const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

  it('has kube’s columns', () => {
    const t = tableFor({ group: '', kind: 'Endpoints' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
  });

  it.each<[string, Json[] | undefined, string]>([
    ['no subsets', undefined, '<none>'],
    ['empty subsets', [], '<none>'],
    ['two addresses', [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80'],
    ['exactly three', [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80'],
    ['more than three', [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...'],
    [
      'every port of every address counts, across subsets',
      [
        { addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] },
        { addresses: addrs('10.0.1.1'), ports: [{ port: 8080 }] },
      ],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...',
    ],
    ['headless without ports lists bare IPs', [{ addresses: addrs('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['IPv6 is bracketed', [{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }], '[fd00::1]:80'],
    ['not-ready addresses are not shown', [{ notReadyAddresses: addrs('10.0.0.9'), ports: [{ port: 80 }] }], ''],
  ])('%s', (_name, subsets, want) => {
    expect(rowOf('Endpoints', endpoints(subsets))).toEqual({ Name: 'web', Endpoints: want, Age: '3m' });
  });
});
