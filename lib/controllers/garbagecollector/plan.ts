// The garbage collector's decisions, as pure functions of what the reconciler read (after
// kube's attemptToDeleteItem, processDeletingDependentsItem and orphanDependents).
//
// Each owner reference of a dependent is classified by looking its owner up by uid:
//   solid        the owner exists and is not waiting for its dependents
//   waiting      the owner exists and is being deleted in the foreground
//   dangling     no object of that kind and name, or one with another uid (a namesake)
//   unresolvable the kind is not served here, or a cluster-scoped dependent names a
//                namespaced owner; never a reason to collect anything
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from '../../registry/generic/delete.ts';
import type { KubeObject } from '../../storage/object-store.ts';

export type OwnerState = 'solid' | 'waiting' | 'dangling' | 'unresolvable';

export interface ClassifiedOwner {
  ref: OwnerReference;
  state: OwnerState;
}

/** What looking an owner up found: the object under that kind and name, or why there is none. */
export type OwnerLookup = KubeObject | 'absent' | 'unresolvable';

export function classifyOwner(ref: OwnerReference, found: OwnerLookup): OwnerState {
  if (found === 'unresolvable') return 'unresolvable';
  if (found === 'absent' || found.metadata.uid !== ref.uid) return 'dangling';
  return isDeletingDependents(found) ? 'waiting' : 'solid';
}

export type DependentPlan =
  | { action: 'none' }
  /** Keep the object, without its references to these owners. */
  | { action: 'remove-owner-references'; uids: string[] }
  | { action: 'delete'; policy: PropagationPolicy };

/**
 * Whether planDependent's answer depends on the object having dependents of its own: when
 * every owner it has left is waiting for it, it goes in the foreground if it owns
 * something, so the owner keeps waiting for the whole chain.
 */
export function needsDependentsCheck(owners: readonly ClassifiedOwner[]): boolean {
  return !owners.some(keeps) && owners.some((o) => o.state === 'waiting');
}

export function planDependent(dependent: KubeObject, owners: readonly ClassifiedOwner[], hasDependents: boolean): DependentPlan {
  // Already going: nothing to decide. (One in foreground deletion is handled as an owner.)
  if (dependent.metadata.deletionTimestamp || owners.length === 0) return { action: 'none' };
  const released = owners.filter((o) => o.state === 'dangling' || o.state === 'waiting');
  if (owners.some(keeps)) {
    // Something still owns it: it stays, but stops pointing at owners that are gone or
    // going, so a foreground owner is not held back by an object that outlives it.
    return released.length ? { action: 'remove-owner-references', uids: released.map((o) => o.ref.uid) } : { action: 'none' };
  }
  if (hasDependents && owners.some((o) => o.state === 'waiting')) return { action: 'delete', policy: 'Foreground' };
  return { action: 'delete', policy: ownPolicy(dependent) };
}

/** A dependent deleted for lack of owners keeps the cascade its own finalizers ask for. */
function ownPolicy(obj: KubeObject): PropagationPolicy {
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(ORPHAN_FINALIZER)) return 'Orphan';
  if (finalizers.includes(FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}

function keeps(o: ClassifiedOwner): boolean {
  return o.state === 'solid' || o.state === 'unresolvable';
}

export interface ForegroundPlan {
  /** Dependents that still block the owner (blockOwnerDeletion on their reference to it). */
  blocking: KubeObject[];
  /** None left: remove `foregroundDeletion`, and the owner goes. */
  removeFinalizer: boolean;
}

export function planForegroundOwner(owner: KubeObject, dependents: readonly KubeObject[]): ForegroundPlan {
  const uid = owner.metadata.uid;
  const blocking = dependents.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true));
  return { blocking, removeFinalizer: blocking.length === 0 };
}

/** The dependents an owner with the `orphan` finalizer must let go of before it goes. */
export function planOrphanOwner(owner: KubeObject, dependents: readonly KubeObject[]): KubeObject[] {
  const uid = owner.metadata.uid;
  return dependents.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
}

export function isDeletingDependents(obj: KubeObject): boolean {
  return Boolean(obj.metadata.deletionTimestamp) && (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

export function isOrphaning(obj: KubeObject): boolean {
  return Boolean(obj.metadata.deletionTimestamp) && (obj.metadata.finalizers ?? []).includes(ORPHAN_FINALIZER);
}

/** The object without references to these owner uids; undefined when it has none of them. */
export function withoutOwnerReferences(obj: KubeObject, uids: readonly string[]): KubeObject | undefined {
  const refs = obj.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !uids.includes(r.uid));
  if (kept.length === refs.length) return undefined;
  const metadata: KubeObject['metadata'] = { ...obj.metadata, ownerReferences: kept };
  if (!kept.length) delete metadata.ownerReferences;
  return { ...obj, metadata };
}

/** The object without `finalizer`; undefined when it does not carry it. */
export function withoutFinalizer(obj: KubeObject, finalizer: string): KubeObject | undefined {
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return undefined;
  const kept = finalizers.filter((f) => f !== finalizer);
  const metadata: KubeObject['metadata'] = { ...obj.metadata, finalizers: kept };
  if (!kept.length) delete metadata.finalizers;
  return { ...obj, metadata };
}
