// What the Deployment controller does next, as a pure decision (kube's syncDeployment):
// claim ReplicaSets, then either only report (being deleted), only resize (paused, or
// spec.replicas changed), or roll out by strategy. The caller writes the result; every
// write is conditional on the resourceVersion read, so a stale plan fails instead of
// acting twice, and a replayed create of the same template hits AlreadyExists by name.
import { goJsonRoundTrip } from '../../api/schema/go-json-round-trip.ts';
import { isEverything, labelSelectorFromSpec } from '../../api/selectors/label-selector.ts';
import { claimObjects, controllerRefTo } from '../replicaset/claim.ts';
import type { Pod, ReplicaSet } from '../replicaset/types.ts';
import { REVISION } from './annotations.ts';
import { canonicalJson } from './hash.ts';
import { syncRevision } from './new-replica-set.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { PlanState } from './state.ts';
import type { AnnotateOp, ScaleOp } from './state.ts';
import { calculateStatus, progressRecheckSeconds } from './status.ts';
import { checkPausedConditions, isScalingEvent, syncScale } from './sync.ts';
import type { Deployment, DeploymentStatus } from './types.ts';

export { resolveFenceposts } from './fenceposts.ts';
export { podTemplateHash } from './hash.ts';
export { isHashCollision, newReplicaSetName } from './new-replica-set.ts';

export interface DeploymentPlan {
  /** Orphan ReplicaSets to adopt, controller reference added. */
  adopt: ReplicaSet[];
  /** Owned ReplicaSets the selector no longer matches, controller reference removed. */
  release: ReplicaSet[];
  /** The ReplicaSet for the current template, when none exists yet. */
  createReplicaSet?: ReplicaSet;
  scale: ScaleOp[];
  /** Revision (and copied Deployment annotation) updates on the new ReplicaSet, e.g. on rollback. */
  annotate: AnnotateOp[];
  /** Old ReplicaSets past revisionHistoryLimit, oldest revision first. */
  delete: string[];
  /**
   * The same changes as whole objects: every existing ReplicaSet that adopt, release,
   * annotate or scale touches, merged into one conditional write each.
   */
  updates: ReplicaSet[];
  /** The Deployment's own deployment.kubernetes.io/revision, when it must change (a metadata write). */
  revision?: string;
  status: DeploymentStatus;
  /** status differs from what is stored. */
  statusChanged: boolean;
  /** Plan again after this many seconds (0: soon) even if nothing else happens. */
  requeueAfterSeconds?: number;
  /** A reason for a Warning event when the Deployment cannot be acted on. */
  warning?: 'SelectingAll';
}

function emptyPlan(d: Deployment, status: DeploymentStatus): DeploymentPlan {
  return { adopt: [], release: [], scale: [], annotate: [], delete: [], updates: [], status, statusChanged: changed(d, status) };
}

/** The status as kube stores it: zero counters are omitempty, so `unavailableReplicas: 0` is never shown. */
function asStored(status: DeploymentStatus): DeploymentStatus {
  return goJsonRoundTrip('DeploymentStatus', status);
}

function changed(d: Deployment, status: DeploymentStatus): boolean {
  return canonicalJson(status) !== canonicalJson(d.status ?? {});
}

function decide(state: PlanState, pods: readonly Pod[] | undefined, taken: ReadonlySet<string>): { status?: DeploymentStatus; rollout: boolean } {
  const d = state.d;
  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = syncRevision(state, false, taken);
    return { status: calculateStatus(state, [...oldRSs, newRS], newRS), rollout: false };
  }
  checkPausedConditions(state);
  if (d.spec?.paused || isScalingEvent(state, taken)) return { status: syncScale(state, taken), rollout: false };
  const status = d.spec?.strategy?.type === 'Recreate' ? rolloutRecreate(state, pods, taken) : rolloutRolling(state, taken);
  return { status, rollout: true };
}

/**
 * `replicaSets`: those in the Deployment's namespace it owns or might adopt (others are
 * ignored). `pods`: the namespace's pods, needed only by Recreate to see old pods gone.
 */
export function planDeployment(d: Deployment, replicaSets: readonly ReplicaSet[], pods: readonly Pod[] | undefined, now: Date): DeploymentPlan {
  const selector = labelSelectorFromSpec(d.spec?.selector);
  if (isEverything(selector)) {
    // Selecting every pod in the namespace would fight every other controller; kube refuses.
    const generation = d.metadata.generation ?? 0;
    const status = (d.status?.observedGeneration ?? 0) < generation ? { ...d.status, observedGeneration: generation } : { ...d.status };
    return { ...emptyPlan(d, asStored(status)), warning: 'SelectingAll' };
  }
  const claim = claimObjects(d, replicaSets, selector, controllerRefTo(d, 'apps/v1', 'Deployment'));
  const state = new PlanState(d, claim.owned, now);
  const taken = new Set(replicaSets.map((rs) => rs.metadata.name ?? ''));
  const decision = decide(state, pods, taken);

  let status: DeploymentStatus;
  let requeueAfterSeconds: number | undefined;
  if (decision.status === undefined || state.collision) {
    status = { ...d.status, conditions: state.conditions, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
    requeueAfterSeconds = 0;
  } else {
    status = decision.status;
    if (decision.rollout) requeueAfterSeconds = progressRecheckSeconds(d, status, now);
  }
  status = asStored(status);

  const raw = new Map(replicaSets.map((rs) => [rs.metadata.name ?? '', rs]));
  const deleted = new Set(state.deletes);
  const updates = [
    ...state.replicaSets.filter((rs) => !state.isCreated(rs) && !deleted.has(rs.metadata.name ?? '') && JSON.stringify(rs) !== JSON.stringify(raw.get(rs.metadata.name ?? ''))),
    ...claim.release,
  ];
  const plan: DeploymentPlan = {
    adopt: claim.adopt,
    release: claim.release,
    scale: [...state.scales.values()],
    annotate: [...state.annotates.values()],
    delete: [...state.deletes],
    updates,
    status,
    statusChanged: changed(d, status),
  };
  if (state.created) plan.createReplicaSet = state.created;
  if (state.revision !== undefined && state.revision !== d.metadata.annotations?.[REVISION]) plan.revision = state.revision;
  if (requeueAfterSeconds !== undefined) plan.requeueAfterSeconds = requeueAfterSeconds;
  return plan;
}
