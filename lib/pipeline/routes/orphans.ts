// When an object without a controller might now be adopted. Kube's ReplicaSet and
// Deployment controllers look for adopters on an orphan's creation, and on an update only
// when its labels changed (a selector may now match) or it just lost its controller; other
// updates of an orphan cannot change who would adopt it, so they are not routed.
import type { KubeObject } from '../../storage/object-store.ts';
import type { Change } from './change.ts';
import { controllerOf, isBeingDeleted, sameLabels } from './object-fields.ts';

export function mayBeAdopted(change: Change): change is Change & { new: KubeObject } {
  const obj = change.new;
  // A controller never adopts an object on its way out (kube routes those as deletions).
  if (!obj || isBeingDeleted(obj) || controllerOf(obj)) return false;
  if (!change.old) return true;
  return !sameLabels(change.old, obj) || controllerOf(change.old) !== undefined;
}
