// The RollingUpdate strategy (kube's rolling.go): grow the new ReplicaSet while the total
// stays within replicas+maxSurge, shrink old ones while availability stays at least
// replicas-maxUnavailable, unhealthy old pods first since removing them costs nothing.
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';
import { desiredReplicas, maxUnavailable } from './fenceposts.ts';
import { newReplicaSetReplicas, syncRevision } from './new-replica-set.ts';
import { availableWithinSpec, byCreation, filterActive, specTotal } from './replica-sets.ts';
import type { PlanState } from './state.ts';
import { deploymentComplete, rolloutStatus } from './status.ts';
import type { DeploymentStatus } from './types.ts';

function reconcileNewReplicaSet(state: PlanState, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const replicas = desiredReplicas(state.d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return state.scaleIfDifferent(newRS, replicas);
  return state.scaleIfDifferent(newRS, newReplicaSetReplicas(state.d, allRSs, newRS));
}

/** Scales old ReplicaSets down by their unavailable pods, within the budget; returns how many. */
function cleanupUnhealthyReplicas(state: PlanState, oldRSs: ReplicaSet[], budget: number): number {
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= budget) break;
    const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(budget - done, unhealthy);
    state.scaleIfDifferent(rs, specReplicas(rs) - count);
    done += count;
  }
  return done;
}

function scaleDownOldForRollingUpdate(state: PlanState, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): number {
  const minAvailable = desiredReplicas(state.d) - maxUnavailable(state.d);
  const available = availableWithinSpec(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= target) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), target - done);
    state.scaleIfDifferent(rs, specReplicas(rs) - count);
    done += count;
  }
  return done;
}

function reconcileOldReplicaSets(state: PlanState, allRSs: ReplicaSet[], activeOld: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (specTotal(activeOld) === 0) return false;
  const minAvailable = desiredReplicas(state.d) - maxUnavailable(state.d);
  // Unavailable new pods count against the budget too: otherwise a crash-looping new
  // ReplicaSet would let every old pod be scaled away.
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specTotal(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(state, activeOld, maxScaledDown);
  const scaled = scaleDownOldForRollingUpdate(state, [...activeOld, newRS], activeOld);
  return cleaned + scaled > 0;
}

export function rolloutRolling(state: PlanState, takenNames: ReadonlySet<string>): DeploymentStatus | undefined {
  const { newRS, oldRSs } = syncRevision(state, true, takenNames);
  if (!newRS) return undefined;
  const allRSs = [...oldRSs, newRS];
  // One direction per pass, as kube: the next pass sees the ReplicaSet controller's work.
  if (reconcileNewReplicaSet(state, allRSs, newRS)) return rolloutStatus(state, allRSs, newRS);
  if (reconcileOldReplicaSets(state, allRSs, filterActive(oldRSs), newRS)) return rolloutStatus(state, allRSs, newRS);
  if (deploymentComplete(state.d, state.d.status ?? {})) cleanupOldReplicaSets(state, oldRSs);
  return rolloutStatus(state, allRSs, newRS);
}
