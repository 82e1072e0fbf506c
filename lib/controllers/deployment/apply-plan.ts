// Writes one Deployment plan through the generic registry, in the order kube's controller
// makes the same writes: ReplicaSet updates (adopt, release, annotate, scale), the new
// ReplicaSet, deletions past the history limit, the Deployment's revision annotation, and
// last its status — so the status never reports a state the writes before it failed to
// reach. Every update is conditional on the resourceVersion the plan read: a stale plan
// fails with a conflict instead of acting twice, and the caller plans again from fresh
// reads. The new ReplicaSet's name is derived from its template, so a replayed create
// collides with itself (AlreadyExists) instead of making a twin.
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import { createObject } from '../../registry/generic/create.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import { messageOf } from '../replicaset/events.ts';
import { getOrUndefined, REPLICASETS } from '../replicaset/reads.ts';
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { REVISION } from './annotations.ts';
import { newCondition, PROGRESSING, setCondition } from './conditions.ts';
import { replicaSetCreated, replicaSetCreateFailed, replicaSetScaled, selectingAll } from './events.ts';
import { isHashCollision } from './new-replica-set.ts';
import type { DeploymentPlan } from './plan.ts';
import { hasProgressDeadline } from './status.ts';
import type { Deployment, DeploymentStatus } from './types.ts';
import { asControllerManager } from '../field-managers.ts';

export interface ApplyTypes {
  deployments: ResourceType;
  replicaSets: ResourceType;
}

/** 'again': something changed under the plan; read and plan afresh. */
export type ApplyOutcome = 'done' | 'again';

const isRace = (err: unknown) => err instanceof ConflictError || err instanceof NotFoundError;

export async function applyDeploymentPlan(
  ctx: RegistryContext, types: ApplyTypes, d: Deployment, stored: readonly ReplicaSet[], plan: DeploymentPlan,
): Promise<ApplyOutcome> {
  if (plan.warning === 'SelectingAll') await selectingAll(ctx, d);
  const byName = new Map(stored.map((rs) => [rs.metadata.name ?? '', rs]));

  for (const rs of plan.updates) {
    const name = rs.metadata.name ?? '';
    const current = byName.get(name);
    if (!current) return 'again';
    try {
      await updateFrom(ctx, types.replicaSets, current, rs, asControllerManager);
    } catch (err) {
      if (isRace(err)) return 'again';
      throw err;
    }
    const scale = plan.scale.find((s) => s.name === name);
    if (scale && scale.replicas !== specReplicas(current)) await replicaSetScaled(ctx, d, name, scale.replicas, specReplicas(current));
  }

  if (plan.createReplicaSet) {
    const created = await createReplicaSet(ctx, types, d, plan.createReplicaSet);
    if (created !== 'done') return created;
  }

  for (const name of plan.delete) {
    try {
      await deleteObject(ctx, types.replicaSets, { resource: types.replicaSets, namespace: d.metadata.namespace, name }, { preconditions: { uid: byName.get(name)?.metadata.uid } });
    } catch (err) {
      // Already gone, or replaced by a new object of that name: neither is ours to delete.
      if (!isRace(err)) throw err;
    }
  }

  let current: Deployment = d;
  if (plan.revision !== undefined) {
    const annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: plan.revision };
    try {
      // Through status, as kube's controller does: an annotation change through the main
      // resource would bump the Deployment's generation.
      current = (await updateFrom(ctx, types.deployments, d, { ...d, metadata: { ...d.metadata, annotations } }, { ...asControllerManager, subresource: 'status' })).object as Deployment;
    } catch (err) {
      if (isRace(err)) return 'again';
      throw err;
    }
  }

  if (plan.statusChanged) {
    const written = await writeStatus(ctx, types, current, plan.status);
    if (written !== 'done') return written;
  }
  return 'done';
}

async function writeStatus(ctx: RegistryContext, types: ApplyTypes, d: Deployment, status: DeploymentStatus): Promise<ApplyOutcome> {
  try {
    await updateFrom(ctx, types.deployments, d, { ...d, status }, { ...asControllerManager, subresource: 'status' });
    return 'done';
  } catch (err) {
    if (err instanceof NotFoundError) return 'done';
    if (err instanceof ConflictError) return 'again';
    throw err;
  }
}

async function createReplicaSet(ctx: RegistryContext, types: ApplyTypes, d: Deployment, rs: ReplicaSet): Promise<ApplyOutcome> {
  const name = rs.metadata.name ?? '';
  try {
    await createObject(ctx, types.replicaSets, rs, asControllerManager);
  } catch (err) {
    if (err instanceof AlreadyExistsError) {
      // Either our own ReplicaSet that the list had not shown yet (a replay, or a read that
      // lagged): planning again finds it. Or a different template under the same hash:
      // kube counts the collision in status so that the next hash differs.
      const existing = (await getOrUndefined(ctx, REPLICASETS, d.metadata.namespace ?? '', name)) as ReplicaSet | undefined;
      if (existing && isHashCollision(d, existing)) {
        await writeStatus(ctx, types, d, { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 });
      }
      return 'again';
    }
    // The namespace is going: its controller removes this Deployment too.
    if (err instanceof NotFoundError || (err instanceof ForbiddenError && err.details?.causes?.some((c) => c.reason === 'NamespaceTerminating'))) return 'done';
    const message = `Failed to create new replica set ${JSON.stringify(name)}: ${messageOf(err)}`;
    if (hasProgressDeadline(d)) {
      const conditions = setCondition(d.status?.conditions ?? [], newCondition(PROGRESSING, 'False', 'ReplicaSetCreateError', message, rfc3339(ctx.clock.now())));
      // Best effort, as kube: the event and the retry report the bigger problem.
      await writeStatus(ctx, types, d, { ...d.status, conditions }).catch(() => undefined);
    }
    await replicaSetCreateFailed(ctx, d, message);
    throw err;
  }
  const replicas = specReplicas(rs);
  if (replicas > 0) await replicaSetCreated(ctx, d, name, replicas);
  return 'done';
}
