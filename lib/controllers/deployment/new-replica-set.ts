// Finding or making the ReplicaSet for the Deployment's current template (kube's
// getAllReplicaSetsAndSyncRevision / getNewReplicaSet). An existing one, even an old one
// brought back by `kubectl rollout undo`, is reused and raised to the next revision; a
// missing one is created under a name derived from the template hash, so a replayed
// create of the same template collides with itself instead of making a twin.
import { controllerRefTo } from '../replicaset/claim.ts';
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { maxRevision, REVISION, setNewReplicaSetAnnotations } from './annotations.ts';
import { getCondition, newCondition, PROGRESSING, Reason, setCondition } from './conditions.ts';
import { desiredReplicas, isRollingUpdate, maxSurge } from './fenceposts.ts';
import { POD_TEMPLATE_HASH_LABEL, podTemplateHash } from './hash.ts';
import { equalIgnoreHash, findNewReplicaSet, specTotal, worstCaseTotal } from './replica-sets.ts';
import type { PlanState } from './state.ts';
import { hasProgressDeadline } from './status.ts';
import type { Deployment } from './types.ts';

export interface Generations {
  newRS?: ReplicaSet;
  /** Every other claimed ReplicaSet, scaled down or not. */
  oldRSs: ReplicaSet[];
}

/** How many pods a new ReplicaSet may run now (kube's NewRSNewReplicas). */
export function newReplicaSetReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d)) return replicas;
  const maxTotal = replicas + maxSurge(d);
  // Stricter than kube (which sums specs): the bound holds for live pods at every instant.
  const current = worstCaseTotal(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS));
}

/** The name kube gives the new ReplicaSet; taken by a different template means a hash collision. */
export function newReplicaSetName(d: Deployment): string {
  return `${d.metadata.name ?? ''}-${podTemplateHash(d.spec?.template ?? {}, d.status?.collisionCount)}`;
}

/**
 * True when `existing` (found under the new ReplicaSet's name, e.g. on AlreadyExists) is
 * not this Deployment's ReplicaSet for its template: status.collisionCount must go up.
 */
export function isHashCollision(d: Deployment, existing: ReplicaSet): boolean {
  const ref = existing.metadata.ownerReferences?.find((r) => r.controller === true);
  return !(ref?.uid === d.metadata.uid && equalIgnoreHash(existing.spec?.template, d.spec?.template));
}

function buildNewReplicaSet(d: Deployment): ReplicaSet {
  const template = structuredClone(d.spec?.template ?? {});
  const hash = podTemplateHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name ?? ''}-${hash}`, labels: { ...labels }, ownerReferences: [controllerRefTo(d, 'apps/v1', 'Deployment')] },
    spec: { replicas: 0, selector, template },
  };
  setMinReadySeconds(rs, d.spec?.minReadySeconds ?? 0);
  if (d.metadata.namespace) rs.metadata.namespace = d.metadata.namespace;
  return rs;
}

/** minReadySeconds is a non-pointer int32 with omitempty: kube never shows it at 0. */
function setMinReadySeconds(rs: ReplicaSet, seconds: number): void {
  const { minReadySeconds: _, ...rest } = rs.spec ?? {};
  rs.spec = seconds === 0 ? rest : { ...rest, minReadySeconds: seconds };
}

function markProgress(state: PlanState, reason: string, message: string): void {
  state.conditions = setCondition(state.conditions, newCondition(PROGRESSING, 'True', reason, message, state.nowText));
}

/**
 * Splits the claimed ReplicaSets into new and old, syncing the new one's annotations and
 * the Deployment's revision; with `create`, makes the new one when there is none. Safe to
 * call more than once in a pass: the second call finds what the first did.
 */
export function syncRevision(state: PlanState, create: boolean, takenNames: ReadonlySet<string>): Generations {
  const d = state.d;
  const existing = findNewReplicaSet(d, state.replicaSets);
  const oldRSs = state.replicaSets.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    if (!state.isCreated(existing)) {
      const before = { ...(existing.metadata.annotations ?? {}) };
      const annotationsChanged = setNewReplicaSetAnnotations(d, existing, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      const minReadyChanged = (existing.spec?.minReadySeconds ?? 0) !== minReady;
      if (minReadyChanged) setMinReadySeconds(existing, minReady);
      if (annotationsChanged || minReadyChanged) state.recordAnnotate(existing, before, minReadyChanged ? minReady : undefined);
      // Progress is first measured from the moment the controller noticed the rollout.
      if (hasProgressDeadline(d) && !getCondition(state.conditions, PROGRESSING)) {
        markProgress(state, Reason.FoundNewReplicaSet, `Found new replica set ${JSON.stringify(existing.metadata.name ?? '')}`);
      }
    }
    state.revision = existing.metadata.annotations?.[REVISION];
    state.specTotalAtStart = specTotal(state.replicaSets);
    return { newRS: existing, oldRSs };
  }
  state.specTotalAtStart = specTotal(state.replicaSets);
  if (!create) return { oldRSs };

  const rs = buildNewReplicaSet(d);
  if (takenNames.has(rs.metadata.name ?? '')) {
    // Another template (or another owner) holds the name: kube bumps collisionCount so the
    // next hash differs, and tries again on the next pass.
    state.collision = true;
    return { oldRSs };
  }
  rs.spec = { ...rs.spec, replicas: newReplicaSetReplicas(d, [...oldRSs, rs], rs) };
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  state.created = rs;
  state.replicaSets.push(rs);
  state.revision = String(newRevision);
  state.specTotalAtStart = specTotal(state.replicaSets);
  if (hasProgressDeadline(d)) markProgress(state, Reason.NewReplicaSetCreated, `Created new replica set ${JSON.stringify(rs.metadata.name ?? '')}`);
  return { newRS: rs, oldRSs };
}
