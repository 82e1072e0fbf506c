// The Deployment's status as kube's calculateStatus and syncRolloutStatus compute it:
// counts summed from the ReplicaSets' own status, Available from maxUnavailable, and the
// Progressing condition that tells `kubectl rollout status` whether the rollout finished,
// moves, or has stalled past progressDeadlineSeconds.
import type { ReplicaSet } from '../replicaset/types.ts';
import {
  AVAILABLE, getCondition, newCondition, PROGRESSING, Reason, removeCondition, REPLICA_FAILURE, setCondition,
} from './conditions.ts';
import { desiredReplicas, maxUnavailable } from './fenceposts.ts';
import { actualTotal, availableTotal, readyTotal } from './replica-sets.ts';
import type { PlanState } from './state.ts';
import type { Deployment, DeploymentStatus } from './types.ts';

const NO_DEADLINE = 2147483647;

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== NO_DEADLINE;
}

/** Every desired pod runs the new template, is available, and the spec was seen. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = desiredReplicas(d);
  return (status.updatedReplicas ?? 0) === replicas
    && (status.replicas ?? 0) === replicas
    && (status.availableReplicas ?? 0) === replicas
    && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** Anything moved since the last status: more updated, fewer old, more ready or available. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const prev = d.status ?? {};
  const oldBefore = (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
  const oldNow = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (next.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0)
    || oldNow < oldBefore
    || (next.readyReplicas ?? 0) > (prev.readyReplicas ?? 0)
    || (next.availableReplicas ?? 0) > (prev.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: Deployment, next: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(next.conditions, PROGRESSING);
  if (!cond) return false;
  // A finished rollout cannot time out; a stale read of one just has not caught up yet.
  if (cond.reason === Reason.NewReplicaSetAvailable) return false;
  if (cond.reason === Reason.ProgressDeadlineExceeded) return true;
  const from = cond.lastUpdateTime ? Date.parse(cond.lastUpdateTime) : NaN;
  if (Number.isNaN(from)) return false;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}

/** kube's calculateStatus, over the conditions the earlier steps of this pass left. */
export function calculateStatus(state: PlanState, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = state.d;
  const available = availableTotal(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualTotal(allRSs),
    updatedReplicas: actualTotal([newRS]),
    readyReplicas: readyTotal(allRSs),
    availableReplicas: available,
    // Negative while scaling down with surplus available pods; kube reports 0 then.
    unavailableReplicas: Math.max(0, state.specTotalAtStart - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const enough = available >= desiredReplicas(d) - maxUnavailable(d);
  const availability = enough
    ? newCondition(AVAILABLE, 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', state.nowText)
    : newCondition(AVAILABLE, 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', state.nowText);
  status.conditions = setCondition(state.conditions, availability);
  return status;
}

function quoted(name: string | undefined): string {
  return JSON.stringify(name ?? '');
}

/** kube's syncRolloutStatus: calculateStatus plus the Progressing estimate and ReplicaFailure. */
export function rolloutStatus(state: PlanState, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = state.d;
  const status = calculateStatus(state, allRSs, newRS);
  let conditions = status.conditions ?? [];
  if (!hasProgressDeadline(d)) conditions = removeCondition(conditions, PROGRESSING);
  const current = getCondition(state.conditions, PROGRESSING);
  const finished = status.replicas === status.updatedReplicas && current?.reason === Reason.NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !finished) {
    const subject = newRS ? `ReplicaSet ${quoted(newRS.metadata.name)}` : `Deployment ${quoted(d.metadata.name)}`;
    if (deploymentComplete(d, status)) {
      conditions = setCondition(conditions, newCondition(PROGRESSING, 'True', Reason.NewReplicaSetAvailable, `${subject} has successfully progressed.`, state.nowText));
    } else if (deploymentProgressing(d, status)) {
      // Unlike setCondition, progress refreshes lastUpdateTime even when the reason stays:
      // that timestamp is what the deadline is measured from.
      const cond = newCondition(PROGRESSING, 'True', Reason.ReplicaSetUpdated, `${subject} is progressing.`, state.nowText);
      if (current?.status === 'True' && current.lastTransitionTime !== undefined) cond.lastTransitionTime = current.lastTransitionTime;
      conditions = setCondition(removeCondition(conditions, PROGRESSING), cond);
    } else if (deploymentTimedOut(d, { ...status, conditions }, state.now)) {
      conditions = setCondition(conditions, newCondition(PROGRESSING, 'False', Reason.ProgressDeadlineExceeded, `${subject} has timed out progressing.`, state.nowText));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  conditions = failure ? setCondition(conditions, { ...failure }) : removeCondition(conditions, REPLICA_FAILURE);
  status.conditions = conditions;
  return status;
}

/** A ReplicaFailure on the new ReplicaSet first, else on any, surfaced on the Deployment. */
function replicaFailure(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
  const failureOf = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  const found = failureOf(newRS) ?? allRSs.map(failureOf).find((c) => c !== undefined);
  if (!found) return undefined;
  const cond = { type: REPLICA_FAILURE, status: found.status, reason: found.reason, message: found.message, lastUpdateTime: found.lastTransitionTime, lastTransitionTime: found.lastTransitionTime };
  return Object.fromEntries(Object.entries(cond).filter(([, v]) => v !== undefined)) as typeof cond;
}

/**
 * Seconds until the progress deadline would pass for a rollout still under way (kube's
 * requeueStuckDeployment), so a stalled rollout is noticed without any other event.
 */
export function progressRecheckSeconds(d: Deployment, status: DeploymentStatus, now: Date): number | undefined {
  const cond = getCondition(status.conditions, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond || deploymentComplete(d, status) || cond.reason === Reason.ProgressDeadlineExceeded) return undefined;
  const from = cond.lastUpdateTime ? Date.parse(cond.lastUpdateTime) : NaN;
  if (Number.isNaN(from)) return undefined;
  const after = (from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - now.getTime()) / 1000;
  // A second of slack so the recheck lands after the deadline, not on it.
  return after < 1 ? 0 : Math.ceil(after) + 1;
}
