// The ReplicaSet controller's keys: ReplicaSets themselves, and the ReplicaSet that
// controls a changed pod. Both images are read because ownership can change (a pod
// released by one ReplicaSet and adopted by another must wake both). An orphan pod that
// might be adopted is sent as the pod's own key: which ReplicaSets select it is state
// the consumer reads, not something the change carries.
import type { WorkKey } from '../work-key.ts';
import { type Change, PODS, REPLICASETS, changedKey, isResource, namedKey, present } from './change.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { conditionStatus, controllerOfKind, field, isBeingDeleted, sameField, sameLabels } from './object-fields.ts';
import { mayBeAdopted } from './orphans.ts';

export function replicaSetKeys(change: Change): WorkKey[] {
  if (isResource(change, REPLICASETS)) return present([changedKey(change)]);
  if (!isResource(change, PODS)) return [];
  // A controlled pod's creation and deletion count, and the updates that can move the
  // controller's counts or status; a bind or a container status report cannot, and routing
  // them made every pod's lifecycle cost a full pod list per step (O(pods²) per rollout).
  const { old: before, new: after } = change;
  const relevant = !before || !after || replicaSetRelevantChange(before, after);
  const keys = (relevant ? [before, after] : []).map((pod) => {
    const ref = controllerOfKind(pod, 'apps', 'ReplicaSet');
    return ref ? namedKey(REPLICASETS, pod?.metadata?.namespace, ref.name) : undefined;
  });
  if (mayBeAdopted(change)) keys.push(changedKey(change));
  return present(keys);
}

/**
 * What a ReplicaSet's counts and status read from a pod: ownership, labels (fully
 * labeled), deletion, phase (active or finished), and readiness with its transition time
 * (availability after minReadySeconds). "No Ready condition" and "Ready=False" are the same
 * to it.
 */
function replicaSetRelevantChange(before: KubeObject, after: KubeObject): boolean {
  const ready = (p: KubeObject) => conditionStatus(p, 'Ready') === 'True';
  return (
    !sameField(before, after, 'metadata', 'ownerReferences') ||
    !sameLabels(before, after) ||
    isBeingDeleted(before) !== isBeingDeleted(after) ||
    !sameField(before, after, 'status', 'phase') ||
    ready(before) !== ready(after) ||
    (ready(after) && readySince(before) !== readySince(after))
  );
}

function readySince(pod: KubeObject): unknown {
  const conditions = field(pod, 'status', 'conditions');
  return Array.isArray(conditions) ? (conditions.find((c: { type?: string }) => c?.type === 'Ready') as { lastTransitionTime?: unknown } | undefined)?.lastTransitionTime : undefined;
}
