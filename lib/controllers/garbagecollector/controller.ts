// The garbage collector as a workqueue consumer (routes: lib/pipeline/routes/
// garbage-collector.ts). A key names any object; what it means depends on what is there:
//   gone                      an owner deleted in the background: its dependents (found by
//                             name, the uid went with it) are collected unless another
//                             owner still holds them
//   being deleted, `orphan`   its dependents drop their references to it, then the
//                             finalizer goes and so does the owner
//   being deleted,
//   `foregroundDeletion`      its dependents are deleted; once none that blocks it is left,
//                             the finalizer goes and so does the owner
//   alive, with owners        a dependent whose owners may be gone (by uid)
// A namesake created before the key is handled hides the old owner's dependents from the
// "gone" case; the periodic resync sends every owned object, which catches them.
// Every write goes through the generic registry; the decisions are in plan.ts.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import type { WorkKey } from '../../pipeline/work-key.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { deleteObject, FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../../registry/generic/delete.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { DependentFinder, identityOf, keyOf, type Dependent, type OwnerIdentity } from './dependents.ts';
import { OwnerLookups } from './owner-lookup.ts';
import {
  isDeletingDependents, isOrphaning, needsDependentsCheck, planDependent, planForegroundOwner, planOrphanOwner, withoutFinalizer, withoutOwnerReferences,
} from './plan.ts';
import { rewrite } from './rewrite.ts';

/**
 * A foreground owner is woken when a blocking dependent goes (the route sees that); this
 * re-check only covers a wake-up that got lost.
 */
export const FOREGROUND_RECHECK_MS = 15_000;
const MAX_DEPENDENT_ATTEMPTS = 5;

export function garbageCollectorController(ctx: RegistryContext): Reconciler {
  return {
    name: 'garbagecollector',
    async reconcile(key: WorkKey, signal: AbortSignal): Promise<ReconcileResult> {
      // Keys of kinds not served here (the ClusterIP reservations, say) own nothing we know of.
      const type = ctx.registry.all().find((t) => t.group === key.group && t.resource === key.resource);
      if (!type) return {};
      const pass = new Pass(ctx, signal);
      const objectKey: ObjectKey = { resource: type, namespace: key.namespace, name: key.name };
      const obj = await getOrUndefined(ctx, objectKey);
      if (!obj) {
        const owner: OwnerIdentity = { group: type.group, kind: type.kind, name: key.name, ...(key.namespace ? { namespace: key.namespace } : {}) };
        await pass.collectAll(await pass.dependents.find(owner));
        return {};
      }
      if (isOrphaning(obj)) await pass.orphanDependents(type, obj);
      if (isDeletingDependents(obj)) return pass.deleteDependentsFirst(type, obj);
      if (!obj.metadata.deletionTimestamp && obj.metadata.ownerReferences?.length) await pass.collectDependent(type, objectKey, obj);
      return {};
    },
  };
}

/** One reconcile's work, sharing its reads: each owner is looked up once, each scope listed once. */
class Pass {
  readonly dependents: DependentFinder;
  private readonly owners: OwnerLookups;

  constructor(private readonly ctx: RegistryContext, private readonly signal: AbortSignal) {
    this.dependents = new DependentFinder(ctx);
    this.owners = new OwnerLookups(ctx);
  }

  async collectAll(dependents: readonly Dependent[]): Promise<void> {
    for (const { type, obj } of dependents) await this.collectDependent(type, keyOf(type, obj));
  }

  /**
   * Collects one dependent if its owners are gone or going; re-decides after a conflict.
   * `known` is the dependent as this pass just read it, used for the first decision.
   */
  async collectDependent(type: ResourceType, key: ObjectKey, known?: KubeObject): Promise<void> {
    for (let attempt = 1; attempt <= MAX_DEPENDENT_ATTEMPTS; attempt++) {
      this.signal.throwIfAborted();
      const dependent = attempt === 1 && known ? known : await getOrUndefined(this.ctx, key);
      if (!dependent || dependent.metadata.deletionTimestamp || !dependent.metadata.ownerReferences?.length) return;
      const owners = await this.owners.classify(dependent);
      const hasDependents = needsDependentsCheck(owners) && (await this.dependents.find(identityOf(type, dependent))).length > 0;
      const plan = planDependent(dependent, owners, hasDependents);
      try {
        if (plan.action === 'remove-owner-references') {
          const uids = plan.uids;
          await rewrite(this.ctx, type, key, dependent.metadata.uid, (current) => withoutOwnerReferences(current, uids));
        } else if (plan.action === 'delete') {
          // Conditional on the revision we decided on: an object adopted since is not ours to delete.
          const preconditions = { uid: dependent.metadata.uid, resourceVersion: dependent.metadata.resourceVersion };
          await deleteObject(this.ctx, type, key, { preconditions, propagationPolicy: plan.policy });
        }
        return;
      } catch (err) {
        if (err instanceof NotFoundError) return;
        if (!(err instanceof ConflictError)) throw err;
        this.owners.clear(); // an owner may have changed too
      }
    }
    throw new Error(`${key.resource.resource} ${key.namespace ?? ''}/${key.name} kept changing while being collected; retrying`);
  }

  async orphanDependents(type: ResourceType, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid!;
    const dependents = await this.dependents.find(identityOf(type, owner));
    const holding = new Set(planOrphanOwner(owner, dependents.map((d) => d.obj)));
    for (const d of dependents) {
      if (!holding.has(d.obj)) continue;
      this.signal.throwIfAborted();
      await rewrite(this.ctx, d.type, keyOf(d.type, d.obj), d.obj.metadata.uid, (current) => withoutOwnerReferences(current, [uid]));
    }
    this.dependents.forget();
    await rewrite(this.ctx, type, keyOf(type, owner), uid, (current) => withoutFinalizer(current, ORPHAN_FINALIZER));
  }

  async deleteDependentsFirst(type: ResourceType, owner: KubeObject): Promise<ReconcileResult> {
    const identity = identityOf(type, owner);
    await this.collectAll(await this.dependents.find(identity));
    // Read again: many dependents (unscheduled pods, config maps) went at once.
    this.dependents.forget();
    const plan = planForegroundOwner(owner, (await this.dependents.find(identity)).map((d) => d.obj));
    if (!plan.removeFinalizer) return { requeueAfterMs: FOREGROUND_RECHECK_MS };
    await rewrite(this.ctx, type, keyOf(type, owner), owner.metadata.uid, (current) => withoutFinalizer(current, FOREGROUND_FINALIZER));
    return {};
  }
}

async function getOrUndefined(ctx: RegistryContext, key: ObjectKey): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get(key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
