// routeChange as a whole: every consumer at once, order, deduplication, determinism.
import { describe, expect, it } from 'vitest';
import { CONSUMER_KEY_RESOURCES, routeChange, type Change } from '../../../../lib/pipeline/fanout-routes.ts';
import { workQueues } from '../../../../lib/queue/queue-definitions.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import { type Case, NODES, PODS, RS, node, obj, pod, ref, routes } from './fixtures.ts';

const rsOwned = (o: Parameters<typeof pod>[1] = {}) => pod('p', { owners: [ref('ReplicaSet', 'web', { block: true })], ...o });

const cases: Case[] = [
  {
    name: 'a controlled pod created: scheduler, owner, gc (endpoints wait for its IP)',
    change: { resource: PODS, new: rsOwned() },
    want: ['scheduler /pods/default/p', 'replicaset apps/replicasets/default/web', 'garbagecollector /pods/default/p'],
  },
  {
    name: 'a bound, running, controlled pod deleted: node capacity, owner, gc (and its blocked owner), endpoints',
    change: { resource: PODS, old: rsOwned({ nodeName: 'n1', phase: 'Running', podIP: '10.0.0.1' }) },
    want: [
      'scheduler /nodes//n1',
      'replicaset apps/replicasets/default/web',
      'garbagecollector /pods/default/p',
      'garbagecollector apps/replicasets/default/web',
      'endpoints /pods/default/p',
    ],
  },
  {
    name: 'a node created: scheduler and node lifecycle',
    change: { resource: NODES, new: node('n1') },
    want: ['scheduler /nodes//n1', 'nodelifecycle /nodes//n1'],
  },
  {
    name: 'a controlled ReplicaSet scaled: itself and its Deployment',
    change: {
      resource: RS,
      old: obj('apps/v1', 'ReplicaSet', 'web-1', 'default', { owners: [ref('Deployment', 'web')] }, { spec: { replicas: 1 } }),
      new: obj('apps/v1', 'ReplicaSet', 'web-1', 'default', { owners: [ref('Deployment', 'web')] }, { spec: { replicas: 3 } }),
    },
    want: ['replicaset apps/replicasets/default/web-1', 'deployment apps/deployments/default/web'],
  },
  { name: 'a core event: nothing', change: { resource: { group: '', resource: 'events' }, new: obj('v1', 'Event', 'e', 'default') }, want: [] },
  {
    name: 'an owned event deleted: still nothing',
    change: { resource: { group: '', resource: 'events' }, old: obj('v1', 'Event', 'e', 'default', { owners: [ref('Pod', 'p', { apiVersion: 'v1' })] }) },
    want: [],
  },
  { name: 'an events.k8s.io event: nothing', change: { resource: { group: 'events.k8s.io', resource: 'events' }, new: obj('events.k8s.io/v1', 'Event', 'e', 'default') }, want: [] },
  {
    name: 'a secret updated: nothing',
    change: { resource: { group: '', resource: 'secrets' }, old: obj('v1', 'Secret', 's', 'default'), new: obj('v1', 'Secret', 's', 'default', { labels: { a: 'b' } }) },
    want: [],
  },
  {
    name: 'a serviceaccount deleted: gc only',
    change: { resource: { group: '', resource: 'serviceaccounts' }, old: obj('v1', 'ServiceAccount', 'builder', 'default') },
    want: ['garbagecollector /serviceaccounts/default/builder'],
  },
  {
    name: 'the default serviceaccount deleted: gc, and its namespace to put it back',
    change: { resource: { group: '', resource: 'serviceaccounts' }, old: obj('v1', 'ServiceAccount', 'default', 'default') },
    want: ['garbagecollector /serviceaccounts/default/default', 'namespace /namespaces//default'],
  },
  {
    name: 'an Endpoints object updated: nothing (the endpoints controller writes it)',
    change: { resource: { group: '', resource: 'endpoints' }, old: obj('v1', 'Endpoints', 'web', 'default'), new: obj('v1', 'Endpoints', 'web', 'default', { labels: { a: 'b' } }) },
    want: [],
  },
  { name: 'neither image: nothing', change: { resource: PODS }, want: [] },
];

describe('routeChange', () => {
  it.each(cases)('$name', ({ change, want }) => {
    expect(routes(change)).toEqual(want);
  });

  it('routes a replayed identical change to identical routes, in identical order', () => {
    const make = (): Change => ({
      resource: PODS,
      old: pod('p', { owners: [ref('ReplicaSet', 'b'), ref('ReplicaSet', 'a', { controller: false })], nodeName: 'n1', phase: 'Running' }),
      new: pod('p', { owners: [ref('ReplicaSet', 'a')], nodeName: 'n1', phase: 'Failed' }),
    });
    const first = routeChange(make());
    expect(routeChange(make())).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it('sends each (queue, key) once even when several rules produce it', () => {
    // The same owner in both images, and a deletion that both the deletion and the
    // foreground-finalizer rule would route.
    const same = routeChange({ resource: PODS, old: rsOwned(), new: rsOwned({ ready: true }) });
    expect(same.filter((r) => r.queue === 'replicaset')).toHaveLength(1);
    const deleting = obj('apps/v1', 'ReplicaSet', 'web', 'default', { deleting: true, finalizers: ['foregroundDeletion'], owners: [ref('Deployment', 'd')] });
    const gc = routeChange({ resource: RS, old: obj('apps/v1', 'ReplicaSet', 'web', 'default'), new: deleting }).filter((r) => r.queue === 'garbagecollector');
    expect(gc).toEqual([{ queue: 'garbagecollector', key: { group: 'apps', resource: 'replicasets', namespace: 'default', name: 'web' } }]);
  });

  it('orders keys within a queue by their text, whatever the rule order', () => {
    const moved = routeChange({ resource: PODS, old: pod('p', { owners: [ref('ReplicaSet', 'z')] }), new: pod('p', { owners: [ref('ReplicaSet', 'a')] }) });
    expect(moved.filter((r) => r.queue === 'replicaset').map((r) => r.key.name)).toEqual(['a', 'z']);
  });

  it('does not modify the change it reads', () => {
    const change: Change = { resource: PODS, old: rsOwned({ nodeName: 'n1' }) };
    const copy = structuredClone(change);
    routeChange(change);
    expect(change).toEqual(copy);
  });

  it('names exactly the work queues that exist', () => {
    expect(Object.keys(CONSUMER_KEY_RESOURCES)).toEqual(workQueues.map((q) => q.name));
  });

  it('only ever sends a consumer the resources it declares', () => {
    const all = [...cases.map((c) => c.change), { resource: RS, new: obj('apps/v1', 'ReplicaSet', 'orphan', 'default') }];
    for (const change of all) {
      for (const { queue, key } of routeChange(change)) {
        const declared = CONSUMER_KEY_RESOURCES[queue];
        if (declared === 'any') continue;
        expect(declared, `${queue} got ${key.group}/${key.resource}`).toContainEqual({ group: key.group, resource: key.resource });
      }
    }
  });

  it('never throws on malformed images, and never emits an unnamed key', () => {
    const odd = [
      { apiVersion: 'v1', kind: 'Pod', metadata: {} },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: 'nope' }, spec: 'x', status: { conditions: {} } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [null, { controller: true }], finalizers: [1] } },
    ] as unknown as KubeObject[];
    for (const o of odd) {
      for (const change of [{ resource: PODS, new: o }, { resource: PODS, old: o }, { resource: NODES, old: o, new: o }] as Change[]) {
        const out = routeChange(change);
        expect(out.every((r) => r.key.name !== '')).toBe(true);
      }
    }
  });
});
