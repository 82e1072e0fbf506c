// DELETE, as kube-apiserver's generic registry: preconditions; objects with finalizers and
// scheduled pods with a grace period are only marked (deletionTimestamp) and go later;
// everything else goes now, conditional on the revision we decided on.
import { ConflictError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import { preconditionMismatch } from '../../storage/list-filter.ts';
import type { KubeObject, ObjectKey, Preconditions } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import type { RegistryContext } from './context.ts';
import { namespaceIsEmpty } from './namespace-contents.ts';

export interface DeleteOptions {
  preconditions?: Preconditions;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** False when the object was only marked for deletion (kube answers 202 then). */
  deleted: boolean;
}

const MAX_DELETE_ATTEMPTS = 5;
const DEFAULT_POD_GRACE_SECONDS = 30;

export async function deleteObject(ctx: RegistryContext, type: ResourceType, key: ObjectKey, opts: DeleteOptions = {}): Promise<DeleteResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.get(key);
    const mismatch = preconditionMismatch(current, opts.preconditions);
    if (mismatch) throw new ConflictError(type, key.name, mismatch);
    const marked = await markInstead(ctx, type, current, opts);
    if (marked === 'delete-now') {
      if (opts.dryRun) return { object: current, deleted: true };
      try {
        await ctx.store.delete(key, { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion });
        return { object: current, deleted: true };
      } catch (err) {
        if (!(err instanceof ConflictError) || opts.preconditions?.resourceVersion || attempt >= MAX_DELETE_ATTEMPTS) throw err;
        continue;
      }
    }
    if (opts.dryRun || marked === current) return { object: marked, deleted: false };
    try {
      return { object: await ctx.store.update(type, marked), deleted: false };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= MAX_DELETE_ATTEMPTS) throw err;
    }
  }
}

/** Decides between removing the object now and marking it; returns the marked object. */
async function markInstead(ctx: RegistryContext, type: ResourceType, current: KubeObject, opts: DeleteOptions): Promise<KubeObject | 'delete-now'> {
  const now = ctx.clock.now();
  const meta = current.metadata;
  if (type.group === '' && type.resource === 'pods') {
    const spec = current['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    const grace = opts.gracePeriodSeconds ?? meta.deletionGracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? DEFAULT_POD_GRACE_SECONDS;
    // An unscheduled pod has no node to confirm its end; grace 0 means "now".
    if (spec?.nodeName && grace > 0 && !meta.finalizers?.length) {
      if (meta.deletionTimestamp) return current; // already terminating: its node finishes it
      return withDeletion(current, new Date(now.getTime() + grace * 1000), grace);
    }
  }
  if (type.group === '' && type.resource === 'namespaces') {
    // Until the namespace controller exists, an empty namespace goes at once (what a
    // real cluster's controller does within a second); a non-empty one is Terminating.
    if (!meta.finalizers?.length && (await namespaceIsEmpty(ctx, meta.name!))) return 'delete-now';
    if (meta.deletionTimestamp) return current;
    const marked = withDeletion(current, now, 0);
    return { ...marked, status: { ...(current['status'] as object), phase: 'Terminating' } };
  }
  if (meta.finalizers?.length) {
    return meta.deletionTimestamp ? current : withDeletion(current, now, 0);
  }
  return 'delete-now';
}

function withDeletion(obj: KubeObject, at: Date, graceSeconds: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, deletionTimestamp: rfc3339(at), deletionGracePeriodSeconds: graceSeconds } };
}
