// DELETE, as kube-apiserver's generic registry: preconditions; objects with finalizers and
// scheduled pods with a grace period are only marked (deletionTimestamp) and go later;
// everything else goes now, conditional on the revision we decided on. The propagation
// policy becomes the garbage collector's finalizers (Orphan → `orphan`, Foreground →
// `foregroundDeletion`), which hold the object until the collector has dealt with its
// dependents; Background needs no finalizer, the collector finds the dependents of an
// owner that is gone.
import { ConflictError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import { CONFLICT_RETRY_LIMIT } from '../../storage/guaranteed-update.ts';
import { preconditionMismatch } from '../../storage/list-filter.ts';
import type { KubeObject, ObjectKey, Preconditions } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import type { RegistryContext } from './context.ts';
import { generationOnDeletionMark } from './generation.ts';
import { namespaceIsEmpty } from './namespace-contents.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  preconditions?: Preconditions;
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  dryRun?: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** False when the object was only marked for deletion (kube answers 202 then). */
  deleted: boolean;
}

/** kube's metav1.FinalizerOrphanDependents and FinalizerDeleteDependents. */
export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

const DEFAULT_POD_GRACE_SECONDS = 30;

/**
 * Like kube's, a delete outlasts other writers: a pod whose node keeps reporting status (a
 * crash loop) must still go. Only the caller's own resourceVersion precondition ends it at
 * the first conflict.
 */
export async function deleteObject(ctx: RegistryContext, type: ResourceType, key: ObjectKey, opts: DeleteOptions = {}): Promise<DeleteResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.get(key);
    const mismatch = preconditionMismatch(current, opts.preconditions);
    if (mismatch) throw new ConflictError(type, key.name, mismatch);
    const marked = await markInstead(ctx, type, current, opts);
    if (marked === 'delete-now') {
      if (opts.dryRun) return { object: current, deleted: true };
      try {
        await ctx.store.delete(key, { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion }, current);
        return { object: current, deleted: true };
      } catch (err) {
        if (!(err instanceof ConflictError) || opts.preconditions?.resourceVersion || attempt >= CONFLICT_RETRY_LIMIT) throw err;
        continue;
      }
    }
    if (opts.dryRun || marked === current) return { object: marked, deleted: false };
    try {
      return { object: await ctx.store.update(type, marked, current), deleted: false };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= CONFLICT_RETRY_LIMIT) throw err;
    }
  }
}

/** Decides between removing the object now and marking it; returns the marked object. */
async function markInstead(ctx: RegistryContext, type: ResourceType, current: KubeObject, opts: DeleteOptions): Promise<KubeObject | 'delete-now'> {
  const now = ctx.clock.now();
  const withGc = withFinalizers(current, gcFinalizers(current.metadata.finalizers ?? [], opts.propagationPolicy));
  const meta = withGc.metadata;
  if (type.group === '' && type.resource === 'pods') {
    const spec = current['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    const grace = opts.gracePeriodSeconds ?? meta.deletionGracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? DEFAULT_POD_GRACE_SECONDS;
    // An unscheduled pod has no node to confirm its end; grace 0 means "now". The
    // collector's finalizers do not cancel the grace period: the node must still stop the
    // containers, and the object goes when both are done.
    if (spec?.nodeName && grace > 0 && !userFinalizers(current).length) {
      if (meta.deletionTimestamp) return withGc; // already terminating: its node finishes it
      return withDeletion(withGc, new Date(now.getTime() + grace * 1000), grace);
    }
  }
  if (type.group === '' && type.resource === 'namespaces') {
    ctx.namespaces?.forget(meta.name!);
    // Until the namespace controller exists, an empty namespace goes at once (what a
    // real cluster's controller does within a second); a non-empty one is Terminating.
    if (!meta.finalizers?.length && (await namespaceIsEmpty(ctx, meta.name!))) return 'delete-now';
    if (meta.deletionTimestamp) return withGc;
    const marked = withDeletion(withGc, now, 0);
    return { ...marked, status: { ...(current['status'] as object), phase: 'Terminating' } };
  }
  if (meta.finalizers?.length) {
    return meta.deletionTimestamp ? shortenGrace(withGc, opts.gracePeriodSeconds) : withDeletion(withGc, now, 0);
  }
  return 'delete-now';
}

/**
 * The finalizers after a delete with this policy (kube's
 * deletionFinalizersForGarbageCollection): an explicit policy decides, replacing whichever
 * of the two is there; without one, what the object already carries stands. Every kind
 * served here defaults to Background, so no policy adds nothing.
 */
export function gcFinalizers(finalizers: readonly string[], policy: PropagationPolicy | undefined): string[] {
  if (policy === undefined) return [...finalizers];
  const kept = finalizers.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') kept.push(ORPHAN_FINALIZER);
  if (policy === 'Foreground') kept.push(FOREGROUND_FINALIZER);
  return kept;
}

/** The same object when the set is unchanged, so an unchanged mark writes nothing. */
function withFinalizers(obj: KubeObject, finalizers: string[]): KubeObject {
  const before = obj.metadata.finalizers ?? [];
  if (before.length === finalizers.length && finalizers.every((f) => before.includes(f))) return obj;
  const metadata: KubeObject['metadata'] = { ...obj.metadata, finalizers };
  if (!finalizers.length) delete metadata.finalizers;
  return { ...obj, metadata };
}

function userFinalizers(obj: KubeObject): string[] {
  return (obj.metadata.finalizers ?? []).filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
}

/**
 * kube's BeforeDelete on an object already being deleted: a shorter grace period may
 * replace a running one. This is how a pod's node says "stopped" (grace 0) while the
 * collector's finalizer still holds the pod, so that removing the finalizer then removes it.
 */
function shortenGrace(obj: KubeObject, graceSeconds: number | undefined): KubeObject {
  const running = obj.metadata.deletionGracePeriodSeconds ?? 0;
  if (graceSeconds === undefined || graceSeconds >= running) return obj;
  const start = Date.parse(obj.metadata.deletionTimestamp!) - running * 1000;
  return withDeletion(obj, new Date(start + graceSeconds * 1000), graceSeconds);
}

function withDeletion(obj: KubeObject, at: Date, graceSeconds: number): KubeObject {
  const marked = { ...obj, metadata: { ...obj.metadata, deletionTimestamp: rfc3339(at), deletionGracePeriodSeconds: graceSeconds } };
  return generationOnDeletionMark(obj, marked);
}
