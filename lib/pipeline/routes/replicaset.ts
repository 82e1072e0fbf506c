// The ReplicaSet controller's keys: ReplicaSets themselves, and the ReplicaSet that
// controls a changed pod. Both images are read because ownership can change (a pod
// released by one ReplicaSet and adopted by another must wake both). An orphan pod that
// might be adopted is sent as the pod's own key: which ReplicaSets select it is state
// the consumer reads, not something the change carries.
import type { WorkKey } from '../work-key.ts';
import { type Change, PODS, REPLICASETS, changedKey, isResource, namedKey, present } from './change.ts';
import { controllerOfKind } from './object-fields.ts';
import { mayBeAdopted } from './orphans.ts';

export function replicaSetKeys(change: Change): WorkKey[] {
  if (isResource(change, REPLICASETS)) return present([changedKey(change)]);
  if (!isResource(change, PODS)) return [];
  // Every change of a controlled pod (including its deletion) counts: the controller's
  // replica count and status depend on its pods' existence, readiness and deletion.
  const keys = [change.old, change.new].map((pod) => {
    const ref = controllerOfKind(pod, 'apps', 'ReplicaSet');
    return ref ? namedKey(REPLICASETS, pod?.metadata?.namespace, ref.name) : undefined;
  });
  if (mayBeAdopted(change)) keys.push(changedKey(change));
  return present(keys);
}
