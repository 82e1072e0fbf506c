// Resizing without rolling out (kube's sync.go: sync, scale, isScalingEvent,
// checkPausedConditions). A paused Deployment and one whose spec.replicas changed only
// resize: one active ReplicaSet takes the whole size, several share the change in
// proportion to their size, so a resize mid-rollout neither speeds nor stalls it.
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { MAX_REPLICAS } from './annotations.ts';
import { cleanupOldReplicaSets } from './cleanup.ts';
import { getCondition, newCondition, PROGRESSING, Reason, setCondition } from './conditions.ts';
import { desiredReplicas, isRollingUpdate, maxSurge } from './fenceposts.ts';
import { syncRevision } from './new-replica-set.ts';
import { bySizeNewer, bySizeOlder, desiredAnnotation, filterActive, findActiveOrLatest, isSaturated, specTotal } from './replica-sets.ts';
import type { PlanState } from './state.ts';
import { calculateStatus, hasProgressDeadline } from './status.ts';
import type { Deployment, DeploymentStatus } from './types.ts';

/** Paused and resumed are recorded as Unknown progress, so time spent paused never counts toward the deadline. */
export function checkPausedConditions(state: PlanState): void {
  const d = state.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(state.conditions, PROGRESSING);
  if (cond?.reason === Reason.ProgressDeadlineExceeded) return;
  const pausedRecorded = cond?.reason === Reason.DeploymentPaused;
  if (d.spec?.paused && !pausedRecorded) {
    state.conditions = setCondition(state.conditions, newCondition(PROGRESSING, 'Unknown', Reason.DeploymentPaused, 'Deployment is paused', state.nowText));
  } else if (!d.spec?.paused && pausedRecorded) {
    state.conditions = setCondition(state.conditions, newCondition(PROGRESSING, 'Unknown', Reason.DeploymentResumed, 'Deployment is resumed', state.nowText));
  }
}

/** Some active ReplicaSet was last sized for a different spec.replicas. */
export function isScalingEvent(state: PlanState, takenNames: ReadonlySet<string>): boolean {
  const { newRS, oldRSs } = syncRevision(state, false, takenNames);
  const replicas = desiredReplicas(state.d);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredAnnotation(rs);
    return desired !== undefined && desired !== replicas;
  });
}

function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const raw = rs.metadata.annotations?.[MAX_REPLICAS];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** This ReplicaSet's share of the change: its size scaled by new max over the max it was sized for. */
function fraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (replicas === 0) return -specReplicas(rs);
  let before = maxReplicasAnnotation(rs) ?? 0;
  // Hand-edited ReplicaSets lose the annotation; the Deployment's last size is the best guess.
  if (before === 0) before = d.status?.replicas ?? 0;
  if (before === 0) return 0;
  return Math.round((specReplicas(rs) * (replicas + maxSurge(d))) / before) - specReplicas(rs);
}

function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const share = fraction(rs, d);
  const allowed = toAdd - added;
  // Never overshoot what is left to add (or to remove).
  return toAdd > 0 ? Math.min(share, allowed) : Math.max(share, allowed);
}

function scale(state: PlanState, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = state.d;
  const replicas = desiredReplicas(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    state.scaleIfDifferent(only, replicas);
    return;
  }
  // A saturated new ReplicaSet (e.g. just adopted) makes every old pod surplus.
  if (isSaturated(d, newRS)) {
    for (const rs of filterActive(oldRSs)) state.scaleIfDifferent(rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = filterActive([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - specTotal(active);
  // Ties: grow newer ReplicaSets first, shrink older ones first.
  if (toAdd > 0) active.sort(bySizeNewer);
  else if (toAdd < 0) active.sort(bySizeOlder);
  let added = 0;
  const sizes = active.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  active.forEach((rs, i) => {
    let size = sizes[i] ?? specReplicas(rs);
    // Rounding leftovers go to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    state.scale(rs, size);
  });
}

/** kube's sync: resize, clean history when paused, and report status without judging progress. */
export function syncScale(state: PlanState, takenNames: ReadonlySet<string>): DeploymentStatus {
  const { newRS, oldRSs } = syncRevision(state, false, takenNames);
  scale(state, newRS, oldRSs);
  if (state.d.spec?.paused) cleanupOldReplicaSets(state, oldRSs);
  return calculateStatus(state, [...oldRSs, newRS], newRS);
}
