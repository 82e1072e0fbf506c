// What the Deployment controller writes, field by field, against what a v1.32 cluster shows
// for the same rollout: Go drops omitempty zeros (unavailableReplicas: 0, minReadySeconds: 0)
// and keeps non-omitempty ones (ReplicaSetStatus.replicas).
import { describe, expect, it } from 'vitest';
import { planDeployment } from '../../../../lib/controllers/deployment/plan.ts';
import { planReplicaSet } from '../../../../lib/controllers/replicaset/plan.ts';
import { nextReplicaSetStatus } from '../../../../lib/controllers/replicaset/replica-status.ts';
import type { ReplicaSet } from '../../../../lib/controllers/replicaset/types.ts';
import { Cluster, deployment, START } from './cluster-sim.ts';

const keys = (o: object | undefined) => Object.keys(o ?? {}).sort();

function onlyReplicaSet(c: Cluster): ReplicaSet {
  const all = [...c.replicaSets.values()];
  expect(all).toHaveLength(1);
  return all[0]!;
}

/** The status the ReplicaSet controller would write for `rs` now. */
function writtenStatus(c: Cluster, rs: ReplicaSet) {
  return nextReplicaSetStatus(rs, planReplicaSet(rs, [...c.pods.values()], c.now).status, undefined, c.now);
}

describe('Deployment controller writes as kube stores', () => {
  it('a Deployment rolled out with 3 replicas: status and ReplicaSet carry exactly kube’s fields', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3 }));
    c.settle('web');
    const d = c.deployments.get('web')!;
    expect(keys(d.status)).toEqual(['availableReplicas', 'conditions', 'observedGeneration', 'readyReplicas', 'replicas', 'updatedReplicas']);
    expect(d.status).toMatchObject({ availableReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3, updatedReplicas: 3 });

    const rs = onlyReplicaSet(c);
    expect(keys(rs.spec)).toEqual(['replicas', 'selector', 'template']);
    expect(writtenStatus(c, rs)).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
  });

  it('scaled to 0: the ReplicaSet reads {observedGeneration, replicas: 0}, the Deployment only conditions and observedGeneration', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 3 }));
    c.settle('web');
    c.edit('web', (d) => {
      d.spec!.replicas = 0;
    });
    c.settle('web');
    const d = c.deployments.get('web')!;
    expect(keys(d.status)).toEqual(['conditions', 'observedGeneration']);
    expect(d.status?.observedGeneration).toBe(2);

    const rs = onlyReplicaSet(c);
    expect(rs.spec?.replicas).toBe(0); // a pointer: kept at zero
    const generation = rs.metadata.generation ?? 0;
    expect(writtenStatus(c, rs)).toEqual({ observedGeneration: generation, replicas: 0 });
  });

  it('a counter that drops to 0 disappears from the status instead of keeping its old value', () => {
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', generation: 3 },
      spec: { replicas: 0 }, status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 2 },
    };
    const counts = { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 3 };
    expect(nextReplicaSetStatus(rs, counts, undefined, START)).toEqual({ replicas: 0, observedGeneration: 3 });
  });

  it('minReadySeconds reaches the ReplicaSet when set, and leaves it when set back to 0', () => {
    const c = new Cluster();
    c.add(deployment('web', { replicas: 2, minReadySeconds: 5 }));
    c.syncDeployment('web');
    expect(onlyReplicaSet(c).spec?.minReadySeconds).toBe(5);

    c.edit('web', (d) => {
      d.spec!.minReadySeconds = 0;
    });
    const plan = c.syncDeployment('web');
    expect(plan.updates.map((rs) => rs.metadata.name)).toEqual([onlyReplicaSet(c).metadata.name]);
    expect(keys(onlyReplicaSet(c).spec)).toEqual(['replicas', 'selector', 'template']);
  });

  it('a new ReplicaSet of a Deployment without minReadySeconds has none', () => {
    const plan = planDeployment(deployment('web', { replicas: 1 }), [], [], START);
    expect(plan.createReplicaSet?.spec).not.toHaveProperty('minReadySeconds');
    expect(plan.createReplicaSet?.spec?.replicas).toBe(1);
  });
});
