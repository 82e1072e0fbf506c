import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../lib/controllers/deployment/types.ts';
import { Cluster, deployment } from './cluster-sim.ts';

const REVISION = 'deployment.kubernetes.io/revision';

function setImage(c: Cluster, image: string): void {
  c.edit('web', (d) => {
    d.spec!.template!.spec!.containers[0]!.image = image;
  });
}

function progressing(d: Deployment | undefined): [string | undefined, string | undefined] {
  const cond = d?.status?.conditions?.find((x) => x.type === 'Progressing');
  return [cond?.status, cond?.reason];
}

function rsByImage(c: Cluster, image: string) {
  return [...c.replicaSets.values()].find((rs) => rs.spec?.template?.spec?.containers[0]?.image === image)!;
}

describe('Recreate', () => {
  it('removes every old pod, terminating ones included, before creating any new one', () => {
    const c = new Cluster();
    c.graceful = true;
    c.add(deployment('web', { replicas: 3, strategy: { type: 'Recreate' } }));
    c.settle('web');
    setImage(c, 'nginx:2');

    const first = c.syncDeployment('web');
    expect(first.createReplicaSet).toBeUndefined();
    expect(first.scale).toMatchObject([{ replicas: 0 }]);
    c.syncReplicaSets();
    expect(c.images()).toEqual({});
    expect(c.pods.size).toBe(3); // terminating

    // The old ReplicaSet reports no pods, but they have not finished terminating.
    expect(c.syncDeployment('web').createReplicaSet).toBeUndefined();
    c.reapTerminating();
    const created = c.syncDeployment('web');
    expect(created.createReplicaSet?.spec?.replicas).toBe(3);
    for (let i = 0; i < 10 && !c.complete('web'); i++) {
      c.syncReplicaSets();
      const images = new Set([...c.pods.values()].map((p) => p.spec?.containers[0]?.image));
      expect(images.size).toBeLessThanOrEqual(1);
      c.startPods();
      c.syncReplicaSets();
      c.syncDeployment('web');
    }
    expect(c.images()).toEqual({ 'nginx:2': 3 });
  });
});

describe('rollback', () => {
  it('reuses the old ReplicaSet for a template seen before and gives it the next revision', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3 }));
    c.settle('web');
    setImage(c, 'nginx:2');
    c.settle('web');
    const v1 = rsByImage(c, 'nginx:1');
    expect(v1.metadata.annotations?.[REVISION]).toBe('1');
    expect(c.deployments.get('web')?.metadata.annotations?.[REVISION]).toBe('2');

    setImage(c, 'nginx:1'); // what `kubectl rollout undo` does
    const plan = c.syncDeployment('web');
    expect(plan.createReplicaSet).toBeUndefined();
    expect(plan.annotate).toEqual([{ name: v1.metadata.name, annotations: { [REVISION]: '3', 'deployment.kubernetes.io/revision-history': '1' } }]);
    expect(plan.revision).toBe('3');
    c.settle('web');
    expect(c.images()).toEqual({ 'nginx:1': 3 });
    expect(c.replicaSets.size).toBe(2);
    expect(rsByImage(c, 'nginx:1').spec?.replicas).toBe(3);
    expect(rsByImage(c, 'nginx:2').spec?.replicas).toBe(0);
  });
});

describe('paused', () => {
  it('holds a template change, still resizes, and rolls out on resume', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3 }));
    c.settle('web');
    c.edit('web', (d) => {
      d.spec!.paused = true;
    });
    expect(progressing(c.deployments.get('web'))).toEqual(['True', 'NewReplicaSetAvailable']);
    c.syncDeployment('web');
    expect(progressing(c.deployments.get('web'))).toEqual(['Unknown', 'DeploymentPaused']);

    setImage(c, 'nginx:2');
    const held = c.syncDeployment('web');
    expect(held.createReplicaSet).toBeUndefined();
    expect(held).toMatchObject({ scale: [], annotate: [], delete: [] });
    expect(held.status.observedGeneration).toBe(3);

    c.edit('web', (d) => {
      d.spec!.replicas = 5;
    });
    const resized = c.syncDeployment('web');
    expect(resized.createReplicaSet).toBeUndefined();
    expect(resized.scale).toEqual([{ name: rsByImage(c, 'nginx:1').metadata.name, replicas: 5, annotations: { 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' } }]);
    c.syncReplicaSets();
    expect(c.images()).toEqual({ 'nginx:1': 5 });

    c.edit('web', (d) => {
      d.spec!.paused = false;
    });
    const resumed = c.syncDeployment('web');
    expect(resumed.createReplicaSet?.spec?.template?.spec?.containers[0]?.image).toBe('nginx:2');
    c.settle('web');
    expect(c.images()).toEqual({ 'nginx:2': 5 });
  });
});

describe('scaling', () => {
  it('resizes the only active ReplicaSet without a new revision', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3 }));
    c.settle('web');
    const rs = [...c.replicaSets.values()][0]!;
    c.edit('web', (d) => {
      d.spec!.replicas = 6;
    });
    const up = c.syncDeployment('web');
    expect([up.createReplicaSet, up.revision, up.annotate]).toEqual([undefined, undefined, []]);
    expect(up.scale).toEqual([{ name: rs.metadata.name, replicas: 6, annotations: { 'deployment.kubernetes.io/desired-replicas': '6', 'deployment.kubernetes.io/max-replicas': '8' } }]);
    c.settle('web');
    expect(c.images()).toEqual({ 'nginx:1': 6 });
    c.edit('web', (d) => {
      d.spec!.replicas = 2;
    });
    expect(c.syncDeployment('web').scale).toMatchObject([{ replicas: 2 }]);
    c.settle('web');
    expect(c.images()).toEqual({ 'nginx:1': 2 });
    expect(c.replicaSets.size).toBe(1);
    expect(c.rs(rs.metadata.name!).metadata.annotations?.[REVISION]).toBe('1');
  });
});

describe('revisionHistoryLimit', () => {
  it('keeps only the newest old ReplicaSets once rollouts finish', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 2, limit: 1 }));
    c.settle('web');
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
      setImage(c, image);
      c.settle('web');
      c.syncDeployment('web');
    }
    const left = [...c.replicaSets.values()].map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs.metadata.annotations?.[REVISION]]);
    expect(left.sort()).toEqual([['nginx:3', '3'], ['nginx:4', '4']]);
  });
});
