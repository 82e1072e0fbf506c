// What the ReplicaSet controller does next, as a pure decision (kube's syncReplicaSet and
// manageReplicas): claim the matching active pods, create or delete the difference from
// spec.replicas, and report counts. Writing, expectations (so a replayed message cannot
// create twice) and batching are the caller's; the plan is the same for the same inputs.
import { labelSelectorFromSpec } from '../../api/selectors/label-selector.ts';
import { claimObjects, controllerRefOf, controllerRefTo } from './claim.ts';
import { deletionOrder } from './pod-rank.ts';
import { isActive, podAvailable, podReady, secondsUntilAvailable } from './pod-state.ts';
import { podFromTemplate } from './pod-template.ts';
import { specReplicas } from './types.ts';
import type { Pod, ReplicaSet } from './types.ts';

export { isActive, podAvailable, podReady } from './pod-state.ts';

/** kube's burstReplicas: at most this many creates or deletes per pass. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetStatusCounts {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
}

export interface ReplicaSetPlan {
  /** Orphans to adopt, with the controller reference already added (write with their resourceVersion). */
  adopt: Pod[];
  /** Pods to let go, with the controller reference already removed. */
  release: Pod[];
  /** New pods (generateName `<rs>-`); all alike, so a caller may create any prefix of them. */
  create: Pod[];
  /** Surplus pods, the ones to delete first first. */
  delete: Pod[];
  /** Merge over the existing status (conditions are the caller's: they record write failures). */
  status: ReplicaSetStatusCounts;
  /** Plan again after this long: a ready pod will then have been ready for minReadySeconds. */
  requeueAfterSeconds?: number;
}

export interface ReplicaSetPlanOptions {
  /**
   * Active pods of the same family (all ReplicaSets under this one's controller), for the
   * "doubled up on a node goes first" rank. Defaults to this ReplicaSet's own pods when it
   * has a controller and to none when it has not, as kube does.
   */
  relatedPods?: readonly Pod[];
  burst?: number;
}

function fullyLabeled(pod: Pod, templateLabels: Record<string, string>): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(templateLabels).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

export function replicaSetStatusCounts(rs: ReplicaSet, owned: readonly Pod[], now: Date): ReplicaSetStatusCounts {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  return {
    replicas: owned.length,
    fullyLabeledReplicas: owned.filter((p) => fullyLabeled(p, templateLabels)).length,
    readyReplicas: owned.filter(podReady).length,
    availableReplicas: owned.filter((p) => podAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
}

function colocation(pods: readonly Pod[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of pods) {
    if (!isActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return counts;
}

/** `pods`: every pod in the ReplicaSet's namespace (ownership, not the selector alone, decides). */
export function planReplicaSet(rs: ReplicaSet, pods: readonly Pod[], now: Date, options: ReplicaSetPlanOptions = {}): ReplicaSetPlan {
  const selector = labelSelectorFromSpec(rs.spec?.selector);
  // Finished and terminating pods are neither claimed nor counted: they will not serve again.
  const claim = claimObjects(rs, pods.filter(isActive), selector, controllerRefTo(rs, 'apps/v1', 'ReplicaSet'));
  const owned = claim.owned;
  const plan: ReplicaSetPlan = {
    adopt: claim.adopt,
    release: claim.release,
    create: [],
    delete: [],
    status: replicaSetStatusCounts(rs, owned, now),
  };

  // A ReplicaSet on its way out neither replaces nor trims pods; the garbage collector has them.
  if (!rs.metadata.deletionTimestamp) {
    const burst = options.burst ?? BURST_REPLICAS;
    const diff = owned.length - specReplicas(rs);
    if (diff < 0) {
      const template = podFromTemplate(rs);
      plan.create = Array.from({ length: Math.min(-diff, burst) }, () => structuredClone(template));
    } else if (diff > 0) {
      const related = options.relatedPods ?? (controllerRefOf(rs) ? owned : []);
      plan.delete = [...owned].sort(deletionOrder(colocation(related), now)).slice(0, Math.min(diff, burst));
    }
  }

  const minReady = rs.spec?.minReadySeconds ?? 0;
  const waits = owned.map((p) => secondsUntilAvailable(p, minReady, now)).filter((s): s is number => s !== undefined);
  if (waits.length > 0) plan.requeueAfterSeconds = Math.min(...waits);
  return plan;
}
