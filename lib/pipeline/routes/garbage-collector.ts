// The garbage collector's keys. A key means "look at this object's ownership": a dependent
// whose owners may be gone, an owner whose dependents must be deleted or orphaned, or an
// owner in foreground deletion that may now be free to go.
//
// Updates of a dependent are routed only when its ownerReferences change, not on every
// change: kube's graph builder acts on the same updates (owner diffs and deletion state),
// and routing every status update of every owned pod (or every renewal of a node's lease,
// which the node owns) would double the load without ever changing an outcome.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import type { WorkKey } from '../work-key.ts';
import { type Change, changedKey, namedKey, present } from './change.ts';
import { apiGroup, finalizers, isBeingDeleted, ownerReferences, sameField } from './object-fields.ts';
import { ownerKind } from './owner-kinds.ts';

/** Finalizers the garbage collector itself removes (kube's metav1 constants). */
export const GC_FINALIZERS: readonly string[] = ['foregroundDeletion', 'orphan'];

export function garbageCollectorKeys(change: Change): WorkKey[] {
  const { old: before, new: after } = change;
  const own = changedKey(change);
  const keys: (WorkKey | undefined)[] = [];
  if (!after) {
    // The consumer finds the dependents of what was deleted (by uid, so a namesake
    // created later is not mistaken for it).
    keys.push(own);
  } else {
    const ownersChanged = before ? !sameField(before, after, 'metadata', 'ownerReferences') : false;
    if ((!before && ownerReferences(after).length > 0) || (ownersChanged && hasOwners(before, after))) keys.push(own);
    if (isBeingDeleted(after) && finalizers(after).some((f) => GC_FINALIZERS.includes(f))) keys.push(own);
  }
  // An owner in foreground deletion waits for its blocking dependents to disappear; once a
  // dependent is gone the consumer can no longer read whom it blocked, so wake them here.
  for (const ref of releasedBlockingOwners(before, after)) keys.push(ownerKey(ref, before));
  return present(keys);
}

function hasOwners(before: KubeObject | undefined, after: KubeObject): boolean {
  return ownerReferences(before).length > 0 || ownerReferences(after).length > 0;
}

/** Owners the old image blocked (blockOwnerDeletion) and the new image no longer does. */
function releasedBlockingOwners(before: KubeObject | undefined, after: KubeObject | undefined): OwnerReference[] {
  const stillBlocking = new Set(
    ownerReferences(after)
      .filter((r) => r.blockOwnerDeletion === true)
      .map((r) => r.uid),
  );
  return ownerReferences(before).filter((r) => r.blockOwnerDeletion === true && !stillBlocking.has(r.uid));
}

/**
 * An owner lives in its dependent's namespace unless its kind is cluster-scoped. Unknown
 * kinds, and a namespaced owner of a cluster-scoped dependent (invalid in kube too), give
 * no key; the periodic resync still reaches such owners.
 */
function ownerKey(ref: OwnerReference, dependent: KubeObject | undefined): WorkKey | undefined {
  const kind = ownerKind(apiGroup(ref.apiVersion), ref.kind);
  if (!kind) return undefined;
  const namespace = dependent?.metadata?.namespace;
  if (!kind.namespaced) return namedKey(kind, undefined, ref.name);
  return namespace ? namedKey(kind, namespace, ref.name) : undefined;
}
