import { describe, expect, it } from 'vitest';
import { planReplicaSet } from '../../../../lib/controllers/replicaset/plan.ts';
import type { Pod } from '../../../../lib/controllers/replicaset/types.ts';
import { NOW, pod, replicaSet } from './fixtures.ts';

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe('planReplicaSet: create and delete', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet', () => {
    const plan = planReplicaSet(replicaSet(3), [pod('a')], NOW);
    expect(plan.create).toHaveLength(2);
    expect(plan.delete).toEqual([]);
    expect(plan.create[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-',
        namespace: 'default',
        labels: { app: 'web', tier: 'front' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: 'c', image: 'nginx:1' }] },
    });
  });

  it.each([
    ['terminating pods do not count', [pod('a'), pod('b', { deleting: true })], 1],
    ['succeeded pods do not count', [pod('a'), pod('b', { phase: 'Succeeded' })], 1],
    ['failed pods do not count', [pod('a'), pod('b', { phase: 'Failed' })], 1],
    ['pods of another controller do not count', [pod('a'), pod('b', { owner: 'other' })], 1],
    ['exactly enough: nothing to do', [pod('a'), pod('b')], 0],
  ])('%s', (_name, pods, creates) => {
    const plan = planReplicaSet(replicaSet(2), pods, NOW);
    expect(plan.create).toHaveLength(creates);
    expect(plan.delete).toEqual([]);
  });

  it('caps one pass at the burst size', () => {
    expect(planReplicaSet(replicaSet(10), [], NOW, { burst: 4 }).create).toHaveLength(4);
  });

  // Each row: two pods, the one to delete first named first.
  it.each([
    ['unscheduled before scheduled', pod('x', { node: '', phase: 'Pending', ready: false }), pod('y', { phase: 'Pending', ready: false })],
    ['pending before running', pod('x', { phase: 'Pending', ready: false }), pod('y', { ready: false })],
    ['unknown before running', pod('x', { phase: 'Unknown' }), pod('y')],
    ['not ready before ready', pod('x', { ready: false }), pod('y')],
    ['lower deletion cost first', pod('x', { cost: -5 }), pod('y')],
    ['doubled up on a node first', pod('x', { node: 'busy' }), pod('y', { node: 'quiet' })],
    ['ready for less time first', pod('x', { ready: 10 }), pod('y', { ready: 5000 })],
    ['more restarts first', pod('x', { restarts: 3 }), pod('y')],
    ['newer first', pod('x', { createdAgo: 10, ready: 10 }), pod('y', { createdAgo: 100000, ready: 10 })],
    ['equal pods: name order', pod('x'), pod('y')],
  ])('scale down deletes %s', (_name, first, second) => {
    const busyNeighbour = pod('z', { node: 'busy', createdAgo: 1e6, ready: 1e6 });
    const hasBusy = first.spec?.nodeName === 'busy';
    const pods = hasBusy ? [second, first, busyNeighbour] : [second, first];
    const rs = replicaSet(pods.length - 1, { controlled: true });
    expect(names(planReplicaSet(rs, pods, NOW).delete)).toEqual(['x']);
    expect(names(planReplicaSet(replicaSet(0, { controlled: true }), pods, NOW).delete).slice(0, 1)).toEqual(['x']);
  });

  it('ranks by the whole order, deleting the least useful surplus', () => {
    const pods = [
      pod('running-old', { createdAgo: 90000, ready: 90000 }),
      pod('pending', { phase: 'Pending', ready: false }),
      pod('unscheduled', { node: '', phase: 'Pending', ready: false }),
      pod('not-ready', { ready: false }),
      pod('running-new', { createdAgo: 30, ready: 20 }),
    ];
    expect(names(planReplicaSet(replicaSet(1), pods, NOW).delete)).toEqual(['unscheduled', 'pending', 'not-ready', 'running-new']);
  });

  it('is deterministic: input order does not change the plan', () => {
    const pods = [pod('a'), pod('b'), pod('c'), pod('d', { owner: null }), pod('e', { labels: { app: 'other' } })];
    const plan = planReplicaSet(replicaSet(2), pods, NOW);
    expect(planReplicaSet(replicaSet(2), [...pods].reverse(), NOW)).toEqual(plan);
    expect(planReplicaSet(replicaSet(2), pods, NOW)).toEqual(plan);
  });

  it('a ReplicaSet being deleted neither creates nor deletes nor adopts', () => {
    const deleting = replicaSet(5, { deleting: true });
    const plan = planReplicaSet(deleting, [pod('a'), pod('orphan', { owner: null })], NOW);
    expect(plan).toMatchObject({ create: [], delete: [], adopt: [], release: [] });
    expect(plan.status.replicas).toBe(1);
    expect(names(planReplicaSet(replicaSet(0, { deleting: true }), [pod('a')], NOW).delete)).toEqual([]);
  });
});

describe('planReplicaSet: adopt and release', () => {
  it.each([
    ['adopts a matching orphan', pod('o', { owner: null }), ['o'], []],
    ['ignores an orphan the selector does not match', pod('o', { owner: null, labels: { app: 'db' } }), [], []],
    ['ignores a terminating orphan', pod('o', { owner: null, deleting: true }), [], []],
    ['ignores a finished orphan', pod('o', { owner: null, phase: 'Succeeded' }), [], []],
    ['ignores a pod another controller owns', pod('o', { owner: 'someone' }), [], []],
    ['releases an owned pod whose labels changed', pod('o', { labels: { app: 'debug' } }), [], ['o']],
    ['keeps an owned matching pod', pod('o'), [], []],
  ])('%s', (_name, candidate, adopted, released) => {
    const plan = planReplicaSet(replicaSet(1), [candidate], NOW);
    expect(names(plan.adopt)).toEqual(adopted);
    expect(names(plan.release)).toEqual(released);
  });

  it('adds the controller reference on adoption and removes it on release, keeping others', () => {
    const orphan = pod('o', { owner: null });
    orphan.metadata = { ...orphan.metadata, resourceVersion: '7', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' }] };
    const moved = pod('m', { labels: { app: 'debug' } });
    const plan = planReplicaSet(replicaSet(1), [orphan, moved], NOW);
    expect(plan.adopt[0]?.metadata.resourceVersion).toBe('7');
    expect(plan.adopt[0]?.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
    ]);
    expect(plan.release[0]?.metadata.ownerReferences).toBeUndefined();
    expect(orphan.metadata.ownerReferences).toHaveLength(1);
  });

  it('counts adopted pods toward replicas and leaves released ones out', () => {
    const plan = planReplicaSet(replicaSet(2), [pod('a'), pod('o', { owner: null }), pod('gone', { labels: { app: 'x' } })], NOW);
    expect(plan.create).toEqual([]);
    expect(plan.status.replicas).toBe(2);
  });
});

describe('planReplicaSet: status', () => {
  it.each([
    ['no wait: every ready pod is available', 0, { replicas: 4, readyReplicas: 3, availableReplicas: 3 }, undefined],
    ['minReadySeconds 30', 30, { replicas: 4, readyReplicas: 3, availableReplicas: 2 }, 21],
    ['minReadySeconds 60: exactly 60s ready is not yet available', 60, { replicas: 4, readyReplicas: 3, availableReplicas: 1 }, 1],
    ['minReadySeconds 600', 600, { replicas: 4, readyReplicas: 3, availableReplicas: 0 }, 481],
  ])('%s', (_name, minReadySeconds, counts, requeue) => {
    const pods = [pod('a', { ready: 10 }), pod('b', { ready: 60 }), pod('c', { ready: 120 }), pod('d', { ready: false }), pod('e', { deleting: true })];
    const plan = planReplicaSet(replicaSet(4, { minReadySeconds, generation: 3 }), pods, NOW);
    expect(plan.status).toEqual({ ...counts, fullyLabeledReplicas: 4, observedGeneration: 3 });
    expect(plan.requeueAfterSeconds).toBe(requeue);
  });

  it('counts fully labeled pods against the template labels, not just the selector', () => {
    const pods = [pod('a'), pod('b', { labels: { app: 'web' } }), pod('c', { labels: { app: 'web', tier: 'back' } })];
    expect(planReplicaSet(replicaSet(3), pods, NOW).status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 1 });
  });

  it('counts as after adoption and release, before creates and deletes', () => {
    const pods = [pod('a'), pod('b'), pod('c'), pod('o', { owner: null, ready: false })];
    const plan = planReplicaSet(replicaSet(1), pods, NOW);
    expect(plan.delete).toHaveLength(3);
    expect(plan.status).toMatchObject({ replicas: 4, readyReplicas: 3 });
  });
});
