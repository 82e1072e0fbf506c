// The ReplicaSet controller as a workqueue consumer (kube's syncReplicaSet). A ReplicaSet
// key: read it and its namespace's pods, plan (plan.ts), then write through the generic
// registry — ownership changes, then creates or deletes, then status. A pod key: an
// orphan that may be adopted (adopt-orphan.ts).
//
// No duplicate children without expectations: kube remembers in memory which creates it
// is still waiting to see, which a Lambda consumer cannot (no memory between invocations,
// several containers at once). Here the names of new pods are a function of the
// ReplicaSet's uid and the pods already present (pod-names.ts), so a duplicated, replayed
// or concurrent pass that sees the same pods tries the same names and the store's
// conditional create turns the extra attempts into AlreadyExists, which counts as done.
// Creates and deletes happen only on the ReplicaSet's own key, whose FIFO message group
// runs one pass at a time; overlapping passes need a message whose visibility ran out
// mid-pass, and even then the one way to an extra pod is a terminating pod vanishing
// between the two passes' reads (the older pass skips its name, the newer reuses it). The
// next pass deletes that surplus.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import { TerminalError, type Reconciler, type ReconcileResult } from '../../pipeline/reconciler.ts';
import { encodeKey, type WorkKey } from '../../pipeline/work-key.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import { adoptOrphan } from './adopt-orphan.ts';
import { controllerRefOf } from './claim.ts';
import { messageOf } from './events.ts';
import { planReplicaSet, type ReplicaSetPlan } from './plan.ts';
import { isActive } from './pod-state.ts';
import { podFromTemplate } from './pod-template.ts';
import { createPods, deletePods, writeClaim } from './pod-writes.ts';
import { getOrUndefined, listIn, PODS, REPLICASETS } from './reads.ts';
import { nextReplicaSetStatus, statusDiffers, type ManageFailure } from './replica-status.ts';
import type { Pod, ReplicaSet } from './types.ts';
import { asControllerManager } from '../field-managers.ts';

export interface ReplicaSetControllerOptions {
  /** Creates or deletes per pass (kube's burstReplicas, 500). */
  burst?: number;
  /** How soon to look again when a chosen name was held by someone else's pod. */
  retryForeignNameMs?: number;
}

/** Passes that may be restarted because ownership changed under them, before backing off. */
const MAX_PASSES = 3;

export function replicaSetController(ctx: RegistryContext, opts: ReplicaSetControllerOptions = {}): Reconciler {
  const podType = ctx.registry.lookup('', 'v1', 'pods')!;
  const rsType = ctx.registry.lookup('apps', 'v1', 'replicasets')!;
  const retryForeignMs = opts.retryForeignNameMs ?? 1000;

  /** Active pods of every ReplicaSet under the same controller (kube ranks doubled-up nodes by these). */
  async function relatedPods(rs: ReplicaSet, pods: readonly Pod[]): Promise<Pod[] | undefined> {
    const owner = controllerRefOf(rs);
    if (!owner) return undefined;
    const family = new Set((await listIn(ctx, REPLICASETS, rs.metadata.namespace ?? ''))
      .filter((other) => controllerRefOf(other)?.uid === owner.uid)
      .map((other) => other.metadata.uid));
    family.add(rs.metadata.uid);
    return pods.filter((p) => isActive(p) && family.has(controllerRefOf(p)?.uid));
  }

  /** One read-plan-write pass; undefined when ownership raced and the pass must start over. */
  async function pass(namespace: string, name: string): Promise<ReconcileResult | undefined> {
    // Pods first, then the ReplicaSet: should two passes ever overlap (a message whose
    // visibility ran out mid-pass), a pass's replicas are then never older than its pods,
    // so a scale-down that another pass already acted on cannot be undone by creating
    // replacements for pods it saw going. A pods view older than the replicas only
    // under-counts pods created meanwhile, and those hold the very names this pass picks.
    const pods = (await listIn(ctx, PODS, namespace)) as Pod[];
    const rs = (await getOrUndefined(ctx, REPLICASETS, namespace, name)) as ReplicaSet | undefined;
    // Gone: its pods are the garbage collector's.
    if (!rs) return {};
    const related = await relatedPods(rs, pods);
    const plan = planReplicaSet(rs, pods, ctx.clock.now(), { ...(related ? { relatedPods: related } : {}), ...(opts.burst ? { burst: opts.burst } : {}) });

    const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
    if (!(await writeClaim(ctx, podType, byName, plan.adopt, plan.release))) return undefined;

    let failure: ManageFailure | undefined;
    let error: unknown;
    let foreign = false;
    if (plan.create.length > 0) {
      const template = plan.create[0] ?? podFromTemplate(rs);
      const outcome = await createPods(ctx, podType, rs, template, plan.create.length, new Set(byName.keys()));
      foreign = outcome.foreign;
      if (outcome.error !== undefined) {
        error = outcome.error;
        failure = { reason: 'FailedCreate', message: messageOf(error) };
      }
    } else if (plan.delete.length > 0) {
      error = await deletePods(ctx, podType, rs, plan.delete);
      if (error !== undefined) failure = { reason: 'FailedDelete', message: messageOf(error) };
    }

    await writeStatus(rs, plan, failure);
    // Retried with backoff, as kube requeues a failed manageReplicas.
    if (error !== undefined) throw error instanceof Error ? error : new Error(messageOf(error));
    return result(plan, foreign ? retryForeignMs : undefined);
  }

  async function writeStatus(rs: ReplicaSet, plan: ReplicaSetPlan, failure: ManageFailure | undefined): Promise<void> {
    const status = nextReplicaSetStatus(rs, plan.status, failure, ctx.clock.now());
    if (!statusDiffers(rs, status)) return;
    try {
      await updateFrom(ctx, rsType, rs, { ...rs, status }, { ...asControllerManager, subresource: 'status' });
    } catch (err) {
      // The ReplicaSet changed (or went) since we read it; that change is itself routed to
      // this key, and that pass writes the status from fresher reads.
      if (!(err instanceof ConflictError) && !(err instanceof NotFoundError)) throw err;
    }
  }

  async function syncReplicaSet(namespace: string, name: string): Promise<ReconcileResult> {
    for (let attempt = 1; attempt <= MAX_PASSES; attempt++) {
      const done = await pass(namespace, name);
      if (done) return done;
    }
    throw new Error(`pods of replicaset ${namespace}/${name} kept changing during ${MAX_PASSES} passes; retrying with backoff`);
  }

  return {
    name: 'replicaset',
    async reconcile(key: WorkKey): Promise<ReconcileResult> {
      if (!key.namespace) throw new TerminalError(`replicaset controller got a key without a namespace: ${encodeKey(key)}`);
      if (key.group === 'apps' && key.resource === 'replicasets') return syncReplicaSet(key.namespace, key.name);
      if (key.group === '' && key.resource === 'pods') {
        const namespace = key.namespace;
        await adoptOrphan<Pod>(ctx, {
          type: podType, ownerApiVersion: 'apps/v1', ownerKind: 'ReplicaSet',
          get: async () => (await getOrUndefined(ctx, PODS, namespace, key.name)) as Pod | undefined,
          owners: () => listIn(ctx, REPLICASETS, namespace),
          // Finished pods are never counted, so never worth owning.
          adoptable: isActive,
        });
        return {};
      }
      throw new TerminalError(`replicaset controller cannot reconcile ${encodeKey(key)}`);
    },
  };
}

function result(plan: ReplicaSetPlan, soonMs: number | undefined): ReconcileResult {
  const waits = [plan.requeueAfterSeconds === undefined ? undefined : plan.requeueAfterSeconds * 1000, soonMs].filter((w): w is number => w !== undefined);
  return waits.length > 0 ? { requeueAfterMs: Math.min(...waits) } : {};
}
