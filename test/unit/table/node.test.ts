import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');

function node(opts: { labels?: Record<string, string>; spec?: Json; status?: Json } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: '2025-05-01T12:00:00Z', ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: { ...opts.spec },
    status: {
      nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ubuntu 24.04.2 LTS', kernelVersion: '6.8.0-1024-aws', containerRuntimeVersion: 'containerd://1.7.27' },
      addresses: [
        { type: 'InternalIP', address: '10.0.1.17' },
        { type: 'Hostname', address: 'node-1' },
      ],
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
      ...opts.status,
    },
  };
}

function row(obj: KubeObject): Record<string, TableCell> {
  const t = tableFor({ group: '', kind: 'Node' }, [obj], { now: NOW });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

describe('node', () => {
  it('has kube’s columns', () => {
    const t = tableFor({ group: '', kind: 'Node' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Status', 0],
      ['Roles', 0],
      ['Age', 0],
      ['Version', 0],
      ['Internal-IP', 1],
      ['External-IP', 1],
      ['OS-Image', 1],
      ['Kernel-Version', 1],
      ['Container-Runtime', 1],
    ]);
  });

  it('prints a ready worker', () => {
    expect(row(node())).toEqual({
      Name: 'node-1',
      Status: 'Ready',
      Roles: '<none>',
      Age: '31d',
      Version: 'v1.32.4',
      'Internal-IP': '10.0.1.17',
      'External-IP': '<none>',
      'OS-Image': 'Ubuntu 24.04.2 LTS',
      'Kernel-Version': '6.8.0-1024-aws',
      'Container-Runtime': 'containerd://1.7.27',
    });
  });

  it.each<[string, KubeObject, string]>([
    ['cordoned', node({ spec: { unschedulable: true } }), 'Ready,SchedulingDisabled'],
    ['not ready', node({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 'NotReady'],
    ['ready unknown', node({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }), 'NotReady'],
    ['no Ready condition yet', node({ status: { conditions: [] } }), 'Unknown'],
    ['no Ready condition, cordoned', node({ spec: { unschedulable: true }, status: { conditions: [{ type: 'DiskPressure', status: 'False' }] } }), 'Unknown,SchedulingDisabled'],
  ])('status: %s', (_name, obj, want) => {
    expect(row(obj)['Status']).toBe(want);
  });

  it.each<[string, Record<string, string>, string]>([
    ['node-role labels, sorted', { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' }, 'control-plane,worker'],
    ['the legacy role label', { 'kubernetes.io/role': 'master' }, 'master'],
    ['both, de-duplicated', { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/worker': 'true' }, 'worker'],
    ['an empty role name is ignored', { 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '' }, '<none>'],
    ['unrelated labels', { 'kubernetes.io/hostname': 'node-1' }, '<none>'],
  ])('roles: %s', (_name, labels, want) => {
    expect(row(node({ labels }))['Roles']).toBe(want);
  });

  it('fills the wide columns with <none>/<unknown> when the node has not reported', () => {
    const r = row(node({ status: { nodeInfo: {}, addresses: [{ type: 'ExternalIP', address: '203.0.113.4' }] } }));
    expect([r['Version'], r['Internal-IP'], r['External-IP'], r['OS-Image'], r['Kernel-Version'], r['Container-Runtime']]).toEqual([
      '',
      '<none>',
      '203.0.113.4',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});
