import { describe, expect, it } from 'vitest';
import { planDeployment, podTemplateHash, resolveFenceposts } from '../../../../lib/controllers/deployment/plan.ts';
import type { IntOrPercent } from '../../../../lib/controllers/deployment/types.ts';
import { Cluster, deployment, START } from './cluster-sim.ts';

function setImage(c: Cluster, image: string): void {
  c.edit('web', (d) => {
    d.spec!.template!.spec!.containers[0]!.image = image;
  });
}

/** Steps with one pod starting per step, checking the rollout bounds after every write. */
function stepUntil(c: Cluster, done: () => boolean, bounds: { max: number; minReady: number }, limit = 80): number {
  const check = (where: string) => {
    const specTotal = [...c.replicaSets.values()].reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    expect(specTotal, `desired pods after ${where}`).toBeLessThanOrEqual(bounds.max);
    expect(c.activePods().length, `pods after ${where}`).toBeLessThanOrEqual(bounds.max);
    expect(c.readyPods().length, `ready pods after ${where}`).toBeGreaterThanOrEqual(bounds.minReady);
  };
  for (let step = 0; step < limit; step++) {
    if (done()) return step;
    c.syncDeployment('web');
    check(`deployment sync ${step}`);
    c.syncReplicaSets();
    check(`replicaset sync ${step}`);
    c.startPods(1);
    c.syncReplicaSets();
    check(`pod start ${step}`);
    c.advance(5);
  }
  throw new Error('rollout did not finish');
}

const ROWS: [number, IntOrPercent, IntOrPercent][] = [
  [3, '25%', '25%'],
  [10, '25%', '25%'],
  [5, 0, 1],
  [10, 3, 2],
  [4, '50%', '50%'],
  [1, 0, 1],
  [1, 1, 0],
  [10, '30%', 0],
  [6, 2, '40%'],
];

describe('RollingUpdate', () => {
  it('first rollout: one ReplicaSet at revision 1 carrying the hash and change-cause', () => {
    const c = new Cluster();
    const d = deployment('web', { replicas: 3 });
    d.metadata = { ...d.metadata, annotations: { 'kubernetes.io/change-cause': 'first', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } };
    c.add(d);
    const plan = c.syncDeployment('web');
    const hash = podTemplateHash(d.spec!.template!);
    expect(plan.createReplicaSet).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        namespace: 'default',
        labels: { app: 'web', 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
        annotations: {
          'kubernetes.io/change-cause': 'first',
          'deployment.kubernetes.io/revision': '1',
          'deployment.kubernetes.io/desired-replicas': '3',
          'deployment.kubernetes.io/max-replicas': '4',
        },
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
        template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
      },
    });
    expect(plan.revision).toBe('1');
    expect(plan.status.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Progressing', 'True', 'NewReplicaSetCreated'],
      ['Available', 'False', 'MinimumReplicasUnavailable'],
    ]);
    // A replayed pass that has not seen the create plans the same name, so a second create
    // gets AlreadyExists instead of making a twin; once seen, nothing more is created.
    expect(planDeployment(d, [], [], START).createReplicaSet?.metadata.name).toBe(`web-${hash}`);
    expect(c.syncDeployment('web').createReplicaSet).toBeUndefined();
  });

  it.each(ROWS)('replicas %i, maxSurge %s, maxUnavailable %s: bounds hold at every step of an image change', (replicas, surge, unavailable) => {
    const c = new Cluster();
    c.add(deployment('web', { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } }));
    c.settle('web');
    const f = resolveFenceposts(surge, unavailable, replicas);
    setImage(c, 'nginx:2');
    const bounds = { max: replicas + f.surge, minReady: replicas - f.unavailable };
    stepUntil(c, () => c.images()['nginx:2'] === replicas && c.readyPods().length === replicas && c.images()['nginx:1'] === undefined, bounds);
    c.syncDeployment('web');
    c.syncDeployment('web');
    const d = c.deployments.get('web')!;
    expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(d.status).not.toHaveProperty('unavailableReplicas');
    expect(d.status?.conditions?.find((x) => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it.each(ROWS.slice(0, 5))('replicas %i, maxSurge %s, maxUnavailable %s: a second image change mid-rollout keeps the bounds', (replicas, surge, unavailable) => {
    const c = new Cluster();
    c.add(deployment('web', { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } }));
    c.settle('web');
    const f = resolveFenceposts(surge, unavailable, replicas);
    const bounds = { max: replicas + f.surge, minReady: replicas - f.unavailable };
    setImage(c, 'nginx:2');
    let steps = 0;
    stepUntil(c, () => steps++ === 2, bounds);
    setImage(c, 'nginx:3');
    stepUntil(c, () => c.images()['nginx:3'] === replicas && c.readyPods().length === replicas && Object.keys(c.images()).length === 1, bounds);
    c.syncDeployment('web');
    const revisions = [...c.replicaSets.values()].map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs.spec?.replicas, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]);
    expect(revisions.sort()).toEqual([['nginx:1', 0, '1'], ['nginx:2', 0, '2'], ['nginx:3', replicas, '3']]);
  });

  it('keeps live pods within maxSurge when it syncs again before the ReplicaSet controller has deleted', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    c.settle('web');
    setImage(c, 'nginx:2');
    c.syncDeployment('web'); // new ReplicaSet at 1
    c.syncReplicaSets();
    c.startPods();
    c.syncReplicaSets(); // 3 old + 1 new pods, all ready
    c.syncDeployment('web'); // old ReplicaSet scaled 3 → 2; its pod is not deleted yet
    const newRS = [...c.replicaSets.values()].find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:2')!;
    expect(newRS.spec?.replicas).toBe(1);
    c.syncDeployment('web'); // again, before the ReplicaSet controller has run
    // Summing specs alone (2 + 1 = 3 < 4) would grow the new ReplicaSet to 2 and briefly run 5 pods.
    expect(c.rs(newRS.metadata.name!).spec?.replicas).toBe(1);
    c.syncReplicaSets();
    expect(c.activePods().length).toBeLessThanOrEqual(4);
    c.syncDeployment('web'); // the old ReplicaSet's status now says 2: room to grow
    expect(c.rs(newRS.metadata.name!).spec?.replicas).toBe(2);
  });

  it('does not count pods an old ReplicaSet is about to delete when its status trails its spec', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    c.settle('web');
    const oldName = [...c.replicaSets.keys()][0]!;
    setImage(c, 'nginx:2');
    for (let i = 0; i < 2; i++) {
      c.syncDeployment('web');
      c.syncReplicaSets();
      c.startPods();
      c.syncReplicaSets();
    }
    expect(c.readyPods().length).toBe(5); // old 3 + new 2
    // The old ReplicaSet was scaled to 2 and its controller has not yet deleted or
    // reported: status still says 3 available, one of which is about to go.
    c.rs(oldName).spec = { ...c.rs(oldName).spec!, replicas: 2 };
    c.syncDeployment('web');
    expect(c.rs(oldName).spec?.replicas).toBe(1);
    c.syncReplicaSets();
    expect(c.readyPods().length).toBeGreaterThanOrEqual(3);
  });

  it('does not scale old pods away while new ones never become available', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
    c.settle('web');
    setImage(c, 'nginx:broken');
    for (let i = 0; i < 10; i++) {
      c.syncDeployment('web');
      c.syncReplicaSets();
      c.advance(5);
    }
    // 4 - 1 old pods stay; the new ReplicaSet stops at the surge limit.
    expect(c.images()).toEqual({ 'nginx:1': 3, 'nginx:broken': 2 });
  });
});
