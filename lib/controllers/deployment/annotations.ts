// The annotations the Deployment controller keeps on its ReplicaSets (kube's
// SetNewReplicaSetAnnotations and SetReplicasAnnotations). `revision` orders the rollout
// history that `kubectl rollout history/undo` reads; desired/max replicas remember the
// Deployment size each ReplicaSet was last scaled for, which is how a later resize is
// recognised and spread proportionally.
import { maxSurge, desiredReplicas } from './fenceposts.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import type { Deployment } from './types.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Controller-owned or client-private annotations that must not flow from Deployment to ReplicaSet. */
const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

/** The revision number; 0 for none or garbage (kube logs and skips those). */
export function revisionOf(rs: ReplicaSet): number {
  const raw = rs.metadata.annotations?.[REVISION];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
}

export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return Math.max(0, ...replicaSets.map(revisionOf));
}

function annotationsOf(rs: ReplicaSet): Record<string, string> {
  rs.metadata.annotations ??= {};
  return rs.metadata.annotations;
}

/** The replica annotations a scale to this Deployment's current size writes. */
export function replicasAnnotations(d: Deployment): Record<string, string> {
  const replicas = desiredReplicas(d);
  return { [DESIRED_REPLICAS]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge(d)) };
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, d: Deployment): boolean {
  const want = replicasAnnotations(d);
  return Object.entries(want).some(([k, v]) => rs.metadata.annotations?.[k] !== v);
}

/** Mutates rs; true when anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, d: Deployment): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, d)) return false;
  Object.assign(annotationsOf(rs), replicasAnnotations(d));
  return true;
}

/** Appends the revision being replaced, dropping the oldest entries beyond kube's length cap. */
function appendHistory(history: string | undefined, previous: string): string | undefined {
  const entries = history ? history.split(',') : [];
  let start = 0;
  let total = (history?.length ?? 0) + previous.length + 1;
  if (entries.length === 0) return previous;
  while (total > MAX_REVISION_HISTORY_CHARS && start < entries.length) {
    total -= (entries[start]?.length ?? 0) + 1;
    start++;
  }
  return total <= MAX_REVISION_HISTORY_CHARS ? [...entries.slice(start), previous].join(',') : history;
}

/**
 * Brings the new ReplicaSet's annotations in line with its Deployment and mutates rs:
 * Deployment annotations (change-cause included) copied over, the revision raised to
 * `newRevision` when lower (a reused ReplicaSet remembers the one it had: that is a
 * rollback), and, for one about to be created, the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const previous = annotations[REVISION];
  if (previous !== undefined && !/^\d+$/.test(previous)) return changed;
  const current = previous === undefined ? 0 : Number(previous);
  if (current < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (previous !== undefined) {
      const history = appendHistory(annotations[REVISION_HISTORY], previous);
      if (history !== undefined) annotations[REVISION_HISTORY] = history;
    }
  }
  if (!exists && setReplicasAnnotations(rs, d)) changed = true;
  return changed;
}
