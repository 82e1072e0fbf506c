import { describe, expect, it } from 'vitest';
import { OWNER_KINDS } from '../../../../lib/pipeline/routes/owner-kinds.ts';
import { builtinTypes } from '../../../../lib/registry/builtin.ts';
import { type Case, NODES, PODS, RS, node, obj, pod, ref, routesTo } from './fixtures.ts';

const CM = { group: '', resource: 'configmaps' };
const LEASES = { group: 'coordination.k8s.io', resource: 'leases' };
const gc = (key: string) => `garbagecollector ${key}`;
const owned = [ref('ReplicaSet', 'web')];
const blocking = [ref('ReplicaSet', 'web', { block: true })];

const cases: Case[] = [
  { name: 'a dependent created', change: { resource: PODS, new: pod('p', { owners: owned }) }, want: [gc('/pods/default/p')] },
  { name: 'an object without owners created', change: { resource: CM, new: obj('v1', 'ConfigMap', 'c', 'default') }, want: [] },
  {
    name: 'an object without owners updated',
    change: { resource: CM, old: obj('v1', 'ConfigMap', 'c', 'default'), new: obj('v1', 'ConfigMap', 'c', 'default', { labels: { a: 'b' } }) },
    want: [],
  },
  {
    // Decided: owned objects' updates route only when ownerReferences change (see routes/garbage-collector.ts).
    name: 'a dependent updated without ownership change',
    change: { resource: PODS, old: pod('p', { owners: owned }), new: pod('p', { owners: owned, ready: true }) },
    want: [],
  },
  {
    name: 'an owner reference added',
    change: { resource: CM, old: obj('v1', 'ConfigMap', 'c', 'default'), new: obj('v1', 'ConfigMap', 'c', 'default', { owners: owned }) },
    want: [gc('/configmaps/default/c')],
  },
  {
    name: 'owner references removed (orphaned)',
    change: { resource: PODS, old: pod('p', { owners: owned }), new: pod('p') },
    want: [gc('/pods/default/p')],
  },
  { name: 'every deletion: a configmap', change: { resource: CM, old: obj('v1', 'ConfigMap', 'c', 'default') }, want: [gc('/configmaps/default/c')] },
  { name: 'every deletion: a node (cluster-scoped)', change: { resource: NODES, old: node('n1') }, want: [gc('/nodes//n1')] },
  { name: 'a deleted dependent with a non-blocking owner', change: { resource: PODS, old: pod('p', { owners: owned }) }, want: [gc('/pods/default/p')] },
  {
    name: 'a deleted dependent wakes its blocked owner',
    change: { resource: PODS, old: pod('p', { owners: blocking }) },
    want: [gc('/pods/default/p'), gc('apps/replicasets/default/web')],
  },
  {
    name: 'a blocking reference removed wakes the owner',
    change: { resource: PODS, old: pod('p', { owners: blocking }), new: pod('p') },
    want: [gc('/pods/default/p'), gc('apps/replicasets/default/web')],
  },
  {
    name: 'a cluster-scoped owner is keyed without namespace',
    change: { resource: LEASES, old: obj('coordination.k8s.io/v1', 'Lease', 'n1', 'kube-node-lease', { owners: [ref('Node', 'n1', { controller: false, block: true })] }) },
    want: [gc('/nodes//n1'), gc('coordination.k8s.io/leases/kube-node-lease/n1')],
  },
  {
    name: 'an owner of an unknown kind is not keyed',
    change: { resource: PODS, old: pod('p', { owners: [ref('Widget', 'w', { apiVersion: 'example.com/v1', block: true })] }) },
    want: [gc('/pods/default/p')],
  },
  {
    name: 'getting a deletionTimestamp with foregroundDeletion',
    change: {
      resource: RS,
      old: obj('apps/v1', 'ReplicaSet', 'web', 'default'),
      new: obj('apps/v1', 'ReplicaSet', 'web', 'default', { deleting: true, finalizers: ['foregroundDeletion'] }),
    },
    want: [gc('apps/replicasets/default/web')],
  },
  {
    name: 'still being deleted with orphan (every update while it has it)',
    change: {
      resource: RS,
      old: obj('apps/v1', 'ReplicaSet', 'web', 'default', { deleting: true, finalizers: ['orphan'] }),
      new: obj('apps/v1', 'ReplicaSet', 'web', 'default', { deleting: true, finalizers: ['orphan'], labels: { a: 'b' } }),
    },
    want: [gc('apps/replicasets/default/web')],
  },
  {
    name: 'a deletionTimestamp with only other finalizers',
    change: {
      resource: CM,
      old: obj('v1', 'ConfigMap', 'c', 'default'),
      new: obj('v1', 'ConfigMap', 'c', 'default', { deleting: true, finalizers: ['example.com/keep'] }),
    },
    want: [],
  },
  {
    name: 'a GC finalizer without a deletionTimestamp (not yet deleting)',
    change: { resource: CM, new: obj('v1', 'ConfigMap', 'c', 'default', { finalizers: ['orphan'] }) },
    want: [],
  },
  {
    name: 'a lease renewal of an owned node lease',
    change: {
      resource: LEASES,
      old: obj('coordination.k8s.io/v1', 'Lease', 'n1', 'kube-node-lease', { owners: [ref('Node', 'n1', { controller: false })] }, { spec: { renewTime: 'a' } }),
      new: obj('coordination.k8s.io/v1', 'Lease', 'n1', 'kube-node-lease', { owners: [ref('Node', 'n1', { controller: false })] }, { spec: { renewTime: 'b' } }),
    },
    want: [],
  },
];

describe('garbagecollector routes', () => {
  it.each(cases)('$name', ({ change, want }) => {
    expect(routesTo('garbagecollector', change)).toEqual(want);
  });

  it("knows every served kind an owner reference can name, with the registry's resource and scope", () => {
    const served = builtinTypes
      .filter((t) => t.resource !== 'events')
      .map((t) => ({ group: t.group, kind: t.kind, resource: t.resource, namespaced: t.namespaced }));
    const sortKey = (k: { group: string; kind: string }) => `${k.group}/${k.kind}`;
    const byKey = (a: { group: string; kind: string }, b: { group: string; kind: string }) => sortKey(a).localeCompare(sortKey(b));
    expect([...OWNER_KINDS].sort(byKey)).toEqual(served.sort(byKey));
  });
});
