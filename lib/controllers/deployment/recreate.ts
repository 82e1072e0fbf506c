// The Recreate strategy (kube's recreate.go): every old pod is gone, not just scaled
// away, before the new ReplicaSet gets any, so two versions never run side by side.
import { controllerRefOf } from '../replicaset/claim.ts';
import type { Pod, ReplicaSet } from '../replicaset/types.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';
import { desiredReplicas } from './fenceposts.ts';
import { syncRevision } from './new-replica-set.ts';
import { actualTotal, filterActive } from './replica-sets.ts';
import type { PlanState } from './state.ts';
import { deploymentComplete, rolloutStatus } from './status.ts';
import type { DeploymentStatus } from './types.ts';

/**
 * Old pods still exist: by the ReplicaSets' counts, or (when pods are known) any old pod
 * not yet finished, terminating ones included since they may still be running.
 */
export function oldPodsRunning(oldRSs: readonly ReplicaSet[], pods: readonly Pod[] | undefined): boolean {
  if (actualTotal(oldRSs) > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid).filter((u): u is string => Boolean(u)));
  return (pods ?? []).some((p) => {
    const owner = controllerRefOf(p);
    const phase = p.status?.phase;
    return owner !== undefined && oldUids.has(owner.uid) && phase !== 'Succeeded' && phase !== 'Failed';
  });
}

export function rolloutRecreate(state: PlanState, pods: readonly Pod[] | undefined, takenNames: ReadonlySet<string>): DeploymentStatus | undefined {
  // No new ReplicaSet yet: creating it early would be scaling up before scaling down.
  let { newRS, oldRSs } = syncRevision(state, false, takenNames);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (state.scaleIfDifferent(rs, 0)) scaledDown = true;
  if (scaledDown || oldPodsRunning(oldRSs, pods)) return rolloutStatus(state, allRSs, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = syncRevision(state, true, takenNames));
    if (!newRS) return undefined;
    allRSs = [...oldRSs, newRS];
  }
  state.scaleIfDifferent(newRS, desiredReplicas(state.d));
  if (deploymentComplete(state.d, state.d.status ?? {})) cleanupOldReplicaSets(state, oldRSs);
  return rolloutStatus(state, allRSs, newRS);
}
