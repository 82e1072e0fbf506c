import { describe, expect, it } from 'vitest';
import { isHashCollision, newReplicaSetName, planDeployment } from '../../../../lib/controllers/deployment/plan.ts';
import type { Deployment } from '../../../../lib/controllers/deployment/types.ts';
import { planReplicaSet } from '../../../../lib/controllers/replicaset/plan.ts';
import type { ReplicaSet } from '../../../../lib/controllers/replicaset/types.ts';
import { Cluster, deployment, START } from './cluster-sim.ts';

interface RsOptions {
  image?: string;
  spec?: number;
  available?: number;
  actual?: number;
  revision?: number;
  desired?: number;
  max?: number;
  owner?: string | null;
  createdAt?: number;
  labels?: Record<string, string>;
  unobserved?: boolean;
}

function rs(name: string, o: RsOptions = {}): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (o.revision !== undefined) annotations['deployment.kubernetes.io/revision'] = String(o.revision);
  if (o.desired !== undefined) annotations['deployment.kubernetes.io/desired-replicas'] = String(o.desired);
  if (o.max !== undefined) annotations['deployment.kubernetes.io/max-replicas'] = String(o.max);
  const owner = o.owner === undefined ? 'uid-web' : o.owner;
  const labels = o.labels ?? { app: 'web', 'pod-template-hash': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      generation: o.unobserved ? 2 : 1,
      labels,
      annotations,
      creationTimestamp: new Date(START.getTime() + (o.createdAt ?? 0) * 1000).toISOString(),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner, controller: true }] } : {}),
    },
    spec: {
      replicas: o.spec ?? 0,
      minReadySeconds: 0,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:old' }] } },
    },
    status: { replicas: o.actual ?? o.spec ?? 0, readyReplicas: o.available ?? o.spec ?? 0, availableReplicas: o.available ?? o.spec ?? 0, observedGeneration: 1 },
  };
}

function complete(d: Deployment, replicas: number): Deployment {
  return { ...d, status: { observedGeneration: 1, replicas, updatedReplicas: replicas, availableReplicas: replicas, readyReplicas: replicas } };
}

describe('planDeployment: proportional scaling mid-rollout', () => {
  it.each([
    ['scale up 10 -> 20', 20, [['new', 9], ['old', 14]]],
    ['scale down 10 -> 5', 5, [['new', 3], ['old', 5]]],
    ['scale to 0', 0, [['new', 0], ['old', 0]]],
  ])('%s spreads the change by size, leftovers to the largest', (_name, replicas, expected) => {
    const d = deployment('web', { replicas, image: 'nginx:1', strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
    const sets = [rs('old', { spec: 8, revision: 1, desired: 10, max: 13 }), rs('new', { spec: 5, available: 0, revision: 2, desired: 10, max: 13, image: 'nginx:1', createdAt: 10 })];
    const plan = planDeployment(d, sets, [], START);
    expect(plan.createReplicaSet).toBeUndefined();
    expect(plan.scale.map((s) => [s.name, s.replicas]).sort()).toEqual(expected);
    expect(plan.scale.every((s) => s.annotations['deployment.kubernetes.io/desired-replicas'] === String(replicas))).toBe(true);
  });
});

describe('planDeployment: revisionHistoryLimit', () => {
  const current = rs('r5', { spec: 3, revision: 5, image: 'nginx:1', createdAt: 50 });
  it.each([
    ['deletes the oldest settled revisions beyond the limit', 2, {}, ['r1', 'r2']],
    ['skips one still holding pods', 2, { r1: { actual: 1 } }, ['r2']],
    ['skips one whose last change is not yet observed', 2, { r2: { unobserved: true } }, ['r1']],
    ['limit 0 keeps no old revision', 0, {}, ['r1', 'r2', 'r3', 'r4']],
    ['within the limit: nothing', 4, {}, []],
  ] as [string, number, Record<string, RsOptions>, string[]][])('%s', (_name, limit, overrides, deleted) => {
    const olds = [1, 2, 3, 4].map((n) => rs(`r${n}`, { revision: n, createdAt: n, ...overrides[`r${n}`] }));
    const d = complete(deployment('web', { replicas: 3, image: 'nginx:1', limit }), 3);
    const plan = planDeployment(d, [...olds].reverse().concat(current), [], START);
    expect(plan.delete).toEqual(deleted);
  });

  it('waits for the rollout to complete before cleaning up', () => {
    const olds = [1, 2, 3].map((n) => rs(`r${n}`, { revision: n, createdAt: n }));
    const d = deployment('web', { replicas: 3, image: 'nginx:1', limit: 1 });
    expect(planDeployment(d, [...olds, current], [], START).delete).toEqual([]);
  });
});

describe('planDeployment: progress deadline', () => {
  it('times out a stalled rollout and moves transition times only when the status flips', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 2, deadline: 60 }));
    const cond = (type: string) => structuredClone(c.deployments.get('web')?.status?.conditions?.find((x) => x.type === type));
    const at = (s: number) => new Date(START.getTime() + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

    expect(c.syncDeployment('web').requeueAfterSeconds).toBe(61);
    expect(cond('Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', lastUpdateTime: at(0), lastTransitionTime: at(0) });
    c.syncReplicaSets();
    c.advance(20);
    expect(c.syncDeployment('web').requeueAfterSeconds).toBe(61);
    expect(cond('Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: at(20), lastTransitionTime: at(0) });
    c.advance(30);
    expect(c.syncDeployment('web').requeueAfterSeconds).toBe(31);
    expect(cond('Progressing')).toMatchObject({ reason: 'ReplicaSetUpdated', lastUpdateTime: at(20) });
    c.advance(31);
    expect(c.syncDeployment('web').requeueAfterSeconds).toBeUndefined();
    expect(cond('Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', lastUpdateTime: at(81), lastTransitionTime: at(81) });
    expect(cond('Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', lastTransitionTime: at(0) });
    c.advance(10);
    c.syncDeployment('web');
    expect(cond('Progressing')).toMatchObject({ reason: 'ProgressDeadlineExceeded', lastUpdateTime: at(81) });

    c.startPods(1);
    c.syncReplicaSets();
    c.advance(9);
    c.syncDeployment('web');
    expect(cond('Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: at(100), lastTransitionTime: at(100) });
    // 2 replicas at 25% allow none unavailable: one ready pod is not enough yet.
    expect(cond('Available')).toMatchObject({ status: 'False', lastTransitionTime: at(0) });
    c.startPods();
    c.syncReplicaSets();
    c.advance(5);
    c.syncDeployment('web');
    expect(cond('Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: at(105), lastTransitionTime: at(100) });
    expect(cond('Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: at(105) });
    c.advance(1000);
    expect(c.syncDeployment('web').statusChanged).toBe(false);
  });

  it('a paused Deployment never times out, and the clock restarts on resume', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 1, deadline: 60 }));
    c.edit('web', (d) => {
      d.spec!.paused = true;
    });
    c.syncDeployment('web');
    c.advance(1000);
    c.syncDeployment('web');
    const progressing = () => c.deployments.get('web')?.status?.conditions?.find((x) => x.type === 'Progressing');
    expect(progressing()).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    c.edit('web', (d) => {
      d.spec!.paused = false;
    });
    c.syncDeployment('web');
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated' });
  });
});

describe('planDeployment: ownership', () => {
  it('two Deployments with the same selector and template stay apart', () => {
    const c = new Cluster();
    c.add(deployment('web-a', { replicas: 2 }));
    c.add(deployment('web-b', { replicas: 3 }));
    for (let i = 0; i < 6; i++) {
      c.syncDeployment('web-a');
      c.syncDeployment('web-b');
      c.syncReplicaSets();
      c.startPods();
      c.syncReplicaSets();
    }
    const [a, b] = [...c.replicaSets.values()].sort((x, y) => (x.metadata.name! < y.metadata.name! ? -1 : 1));
    expect(a?.metadata.name).toBe(newReplicaSetName(c.deployments.get('web-a')!));
    expect(b?.metadata.name).toBe(newReplicaSetName(c.deployments.get('web-b')!));
    expect(a?.spec?.selector).toEqual(b?.spec?.selector);
    const ownedBy = (uid: string | undefined) => [...c.pods.values()].filter((p) => p.metadata.ownerReferences?.[0]?.uid === uid).length;
    expect([ownedBy(a?.metadata.uid), ownedBy(b?.metadata.uid), c.pods.size]).toEqual([2, 3, 5]);
    for (const name of ['web-a', 'web-b']) {
      const plan = c.syncDeployment(name);
      expect([plan.adopt, plan.release, plan.scale, plan.createReplicaSet]).toEqual([[], [], [], undefined]);
    }
    expect(planReplicaSet(a!, [...c.pods.values()], c.now)).toMatchObject({ adopt: [], release: [], create: [], delete: [] });
  });

  it('adopts a matching orphan ReplicaSet, releases one it no longer selects, ignores another owner\'s', () => {
    const d = deployment('web', { replicas: 3 });
    const sets = [
      rs('orphan', { owner: null, revision: 1 }),
      rs('moved', { labels: { app: 'other' }, revision: 2 }),
      rs('theirs', { owner: 'uid-someone', spec: 5 }),
    ];
    const plan = planDeployment(d, sets, [], START);
    expect(plan.adopt.map((x) => [x.metadata.name, x.metadata.ownerReferences])).toEqual([
      ['orphan', [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]],
    ]);
    expect(plan.release.map((x) => [x.metadata.name, x.metadata.ownerReferences])).toEqual([['moved', undefined]]);
    // The adopted revision counts: the new ReplicaSet is revision 2, not 1; theirs is untouched.
    expect(plan.createReplicaSet?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(plan.updates.map((x) => x.metadata.name).sort()).toEqual(['moved', 'orphan']);
  });

  it('bumps collisionCount when the hashed name belongs to something else, then uses the next name', () => {
    const d = deployment('web', { replicas: 1 });
    const squatter = rs(newReplicaSetName(d), { owner: 'uid-someone', image: 'other' });
    const plan = planDeployment(d, [squatter], [], START);
    expect(isHashCollision(d, squatter)).toBe(true);
    expect(plan.createReplicaSet).toBeUndefined();
    expect(plan.status.collisionCount).toBe(1);
    expect(plan.requeueAfterSeconds).toBe(0);
    const retried = planDeployment({ ...d, status: plan.status }, [squatter], [], START);
    expect(retried.createReplicaSet?.metadata.name).not.toBe(squatter.metadata.name);
    expect(retried.createReplicaSet?.metadata.name).toBe(newReplicaSetName({ ...d, status: plan.status }));
  });

  it('refuses a selector that selects everything', () => {
    const d = deployment('web');
    d.spec!.selector = {};
    const plan = planDeployment(d, [rs('orphan', { owner: null })], [], START);
    expect(plan).toMatchObject({ warning: 'SelectingAll', adopt: [], updates: [], status: { observedGeneration: 1 } });
    expect(plan.createReplicaSet).toBeUndefined();
  });

  it('a Deployment being deleted only reports status', () => {
    const d = deployment('web', { replicas: 3 });
    d.metadata = { ...d.metadata, deletionTimestamp: START.toISOString() };
    const plan = planDeployment(d, [rs('old', { spec: 2, revision: 1 }), rs('orphan', { owner: null })], [], START);
    expect([plan.createReplicaSet, plan.scale, plan.adopt, plan.delete]).toEqual([undefined, [], [], []]);
    expect(plan.status).toMatchObject({ replicas: 2, availableReplicas: 2 });
    // Zero counters are omitempty in Go: no updated pods means no updatedReplicas at all.
    expect(plan.status).not.toHaveProperty('updatedReplicas');
  });

  it('is deterministic: input order does not change the plan', () => {
    const d = deployment('web', { replicas: 4, image: 'nginx:1' });
    const sets = [rs('a', { spec: 2, revision: 1 }), rs('b', { spec: 2, revision: 2, createdAt: 5, image: 'nginx:0' }), rs('c', { owner: null, revision: 3, createdAt: 9 })];
    expect(planDeployment(d, [...sets].reverse(), [], START)).toEqual(planDeployment(d, sets, [], START));
  });
});
