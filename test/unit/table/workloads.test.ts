import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const CREATED = '2025-05-30T09:00:00Z'; // 2d3h before NOW

const template = {
  metadata: { labels: { app: 'web', tier: 'fe' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox:1.36' },
    ],
  },
};

function workload(kind: 'Deployment' | 'ReplicaSet', spec: Json, status?: Json): KubeObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED }, spec, ...(status ? { status } : {}) };
}

function row(kind: 'Deployment' | 'ReplicaSet', obj: KubeObject): Record<string, TableCell> {
  const t = tableFor({ group: 'apps', kind }, [obj], { now: NOW });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

describe('deployment', () => {
  it('has kube’s columns', () => {
    const t = tableFor({ group: 'apps', kind: 'Deployment' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
  });

  it.each<[string, KubeObject, Record<string, TableCell>]>([
    [
      'rolling out',
      workload(
        'Deployment',
        {
          replicas: 3,
          selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] },
          template,
        },
        { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 },
      ),
      {
        Name: 'web',
        Ready: '2/3',
        'Up-to-date': 1,
        Available: 2,
        Age: '2d3h',
        Containers: 'nginx,log',
        Images: 'nginx:1.27,busybox:1.36',
        Selector: 'app=web,tier in (be,fe)',
      },
    ],
    [
      'fresh, no status yet',
      workload('Deployment', { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }),
      { Name: 'web', Ready: '0/2', 'Up-to-date': 0, Available: 0, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: 'app=web' },
    ],
    [
      'replicas unset reads as the default 1; no selector prints bare',
      workload('Deployment', { template: { spec: { containers: [{ name: 'app', image: 'app:v1' }] } } }),
      { Name: 'web', Ready: '0/1', 'Up-to-date': 0, Available: 0, Age: '2d3h', Containers: 'app', Images: 'app:v1', Selector: '' },
    ],
    [
      'scaled to zero',
      workload('Deployment', { replicas: 0, selector: { matchLabels: { app: 'web' } }, template }, { observedGeneration: 2 }),
      { Name: 'web', Ready: '0/0', 'Up-to-date': 0, Available: 0, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: 'app=web' },
    ],
    [
      'an unconvertible selector',
      workload('Deployment', { replicas: 1, selector: { matchExpressions: [{ key: 'tier', operator: 'Near', values: ['x'] }] }, template }),
      { Name: 'web', Ready: '0/1', 'Up-to-date': 0, Available: 0, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: '<invalid>' },
    ],
  ])('%s', (_name, obj, want) => {
    expect(row('Deployment', obj)).toEqual(want);
  });
});

describe('replicaset', () => {
  it('has kube’s columns', () => {
    const t = tableFor({ group: 'apps', kind: 'ReplicaSet' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
  });

  it.each<[string, KubeObject, Record<string, TableCell>]>([
    [
      'steady',
      workload(
        'ReplicaSet',
        { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c' } }, template },
        { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
      ),
      { Name: 'web', Desired: 3, Current: 3, Ready: 3, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: 'app=web,pod-template-hash=5d8f7c' },
    ],
    [
      'scaling up',
      workload('ReplicaSet', { replicas: 5, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, template }, { replicas: 2, readyReplicas: 1 }),
      { Name: 'web', Desired: 5, Current: 2, Ready: 1, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: 'app' },
    ],
    [
      'no selector prints <none>',
      workload('ReplicaSet', { replicas: 1, template }),
      { Name: 'web', Desired: 1, Current: 0, Ready: 0, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: '<none>' },
    ],
    [
      'an unconvertible selector prints <error>',
      workload('ReplicaSet', { replicas: 1, selector: { matchExpressions: [{ key: 'app', operator: 'Maybe' }] }, template }),
      { Name: 'web', Desired: 1, Current: 0, Ready: 0, Age: '2d3h', Containers: 'nginx,log', Images: 'nginx:1.27,busybox:1.36', Selector: '<error>' },
    ],
  ])('%s', (_name, obj, want) => {
    expect(row('ReplicaSet', obj)).toEqual(want);
  });
});
