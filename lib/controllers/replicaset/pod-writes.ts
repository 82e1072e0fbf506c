// The ReplicaSet controller's pod writes, all through the generic registry: ownership
// changes (conditional on the resourceVersion the plan read), creates under deterministic
// names (pod-names.ts), and deletes conditional on the pod being exactly the one chosen.
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError } from '../../api/errors.ts';
import { createObject } from '../../registry/generic/create.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import { controllerRefOf } from './claim.ts';
import { podCreated, podCreateFailed, podDeleted, podDeleteFailed } from './events.ts';
import { podNamePrefix, podNamesForSlots } from './pod-names.ts';
import { getOrUndefined, PODS } from './reads.ts';
import type { Pod, ReplicaSet } from './types.ts';
import { asControllerManager } from '../field-managers.ts';

/**
 * Writes adoptions and releases. False when one raced another writer (the pod changed or
 * went since the list): the counts the plan made are then wrong and the pass must re-read.
 */
export async function writeClaim(ctx: RegistryContext, podType: ResourceType, stored: ReadonlyMap<string, Pod>, adopt: readonly Pod[], release: readonly Pod[]): Promise<boolean> {
  for (const pod of adopt) {
    const current = stored.get(pod.metadata.name ?? '');
    if (!current) return false;
    try {
      await updateFrom(ctx, podType, current, pod, asControllerManager);
    } catch (err) {
      if (err instanceof ConflictError || err instanceof NotFoundError) return false;
      throw err;
    }
  }
  for (const pod of release) {
    const current = stored.get(pod.metadata.name ?? '');
    if (!current) continue;
    try {
      await updateFrom(ctx, podType, current, pod, asControllerManager);
    } catch (err) {
      // A released pod that is gone needs no releasing; one that changed is looked at again.
      if (err instanceof NotFoundError) continue;
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }
  return true;
}

export interface CreateOutcome {
  created: string[];
  /** A chosen name was held by a pod this ReplicaSet does not control: plan again soon. */
  foreign: boolean;
  /** The first failure; creating stopped there. */
  error?: unknown;
}

type OneCreate = 'created' | 'ours' | 'foreign' | 'namespace-closed';

/**
 * Creates `count` pods from `template` under the lowest free slot names. Batches of
 * 1, 2, 4, … (kube's slowStartBatch) stop at the first failure, so a refusal that would
 * repeat (quota, admission) costs one call rather than hundreds.
 */
export async function createPods(
  ctx: RegistryContext, podType: ResourceType, rs: ReplicaSet, template: Pod, count: number, takenNames: ReadonlySet<string>,
): Promise<CreateOutcome> {
  const namespace = rs.metadata.namespace ?? '';
  const prefix = podNamePrefix(template.metadata.generateName ?? `${rs.metadata.name ?? ''}-`);
  const names = podNamesForSlots(prefix, rs.metadata.uid ?? '', count, takenNames);
  const outcome: CreateOutcome = { created: [], foreign: false };
  // Each SuccessfulCreate is written beside the next batch rather than before it: an Event
  // is a record of what happened, and the pods (whose startup is what users wait for) go
  // first. kube's recorder writes events in the background too, and as best effort.
  const events: Promise<void>[] = [];

  async function createOne(name: string): Promise<OneCreate> {
    const pod: Pod = { ...structuredClone(template), metadata: { ...structuredClone(template.metadata), name } };
    try {
      await createObject(ctx, podType, pod, asControllerManager);
    } catch (err) {
      if (err instanceof AlreadyExistsError) {
        // The same name computed by a duplicate or replayed pass: that pod is ours and
        // already counted, so this create is done. Anyone else's pod under the name is not.
        const existing = await getOrUndefined(ctx, PODS, namespace, name);
        return existing && controllerRefOf(existing)?.uid === rs.metadata.uid ? 'ours' : 'foreign';
      }
      // The namespace is going (or gone): its controller deletes our pods anyway, and kube
      // does not report this as a failure.
      if (err instanceof NotFoundError || (err instanceof ForbiddenError && err.details?.causes?.some((c) => c.reason === 'NamespaceTerminating'))) {
        return 'namespace-closed';
      }
      await podCreateFailed(ctx, rs, err);
      throw err;
    }
    events.push(podCreated(ctx, rs, name).catch(() => undefined));
    return 'created';
  }

  let next = 0;
  for (let batch = 1; next < names.length; batch *= 2) {
    const slice = names.slice(next, next + batch);
    next += slice.length;
    const results = await Promise.allSettled(slice.map(createOne));
    let stop = false;
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        outcome.error ??= r.reason;
        stop = true;
      } else if (r.value === 'created') {
        outcome.created.push(slice[i] ?? '');
      } else if (r.value === 'foreign') {
        outcome.foreign = true;
      } else if (r.value === 'namespace-closed') {
        stop = true;
      }
    });
    if (stop) break;
  }
  await Promise.all(events);
  return outcome;
}

/**
 * Deletes the chosen surplus pods, each only if it is still exactly what the plan saw
 * (uid and resourceVersion preconditions). A pod that changed meanwhile — marked by a
 * duplicate pass, replaced, or updated by its node — is skipped: its change brings this
 * ReplicaSet round again, to decide afresh. Returns the first failure, if any.
 */
export async function deletePods(ctx: RegistryContext, podType: ResourceType, rs: ReplicaSet, victims: readonly Pod[]): Promise<unknown> {
  const results = await Promise.allSettled(victims.map(async (pod) => {
    const name = pod.metadata.name ?? '';
    try {
      await deleteObject(ctx, podType, { resource: podType, namespace: pod.metadata.namespace, name }, {
        preconditions: { uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
      });
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ConflictError) return;
      await podDeleteFailed(ctx, rs, err);
      throw err;
    }
    await podDeleted(ctx, rs, name);
  }));
  return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
}
