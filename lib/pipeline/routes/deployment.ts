// The Deployment controller's keys: Deployments themselves, and the Deployment that
// controls a changed ReplicaSet (old and new images, as ownership can change). An orphan
// ReplicaSet that might be adopted is sent as the ReplicaSet's own key, mirroring the
// pod rule of the ReplicaSet controller: kube's Deployment controller adopts orphaned
// ReplicaSets whose labels its selector matches, and only the consumer can list those.
// Pods are not routed here: a pod change reaches a Deployment through its ReplicaSet's
// status update, which this rule already routes.
import type { WorkKey } from '../work-key.ts';
import { type Change, DEPLOYMENTS, REPLICASETS, changedKey, isResource, namedKey, present } from './change.ts';
import { controllerOfKind } from './object-fields.ts';
import { mayBeAdopted } from './orphans.ts';

export function deploymentKeys(change: Change): WorkKey[] {
  if (isResource(change, DEPLOYMENTS)) return present([changedKey(change)]);
  if (!isResource(change, REPLICASETS)) return [];
  const keys = [change.old, change.new].map((rs) => {
    const ref = controllerOfKind(rs, 'apps', 'Deployment');
    return ref ? namedKey(DEPLOYMENTS, rs?.metadata?.namespace, ref.name) : undefined;
  });
  if (mayBeAdopted(change)) keys.push(changedKey(change));
  return present(keys);
}
