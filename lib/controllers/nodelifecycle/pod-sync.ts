// The pods' side of a pass: list the pods bound to the node (the byNode index), plan, and
// carry out each action through the generic registry: status first (Ready=False,
// DisruptionTarget), then the delete, then the Event kube's taint eviction controller
// records. A pod that went or changed meanwhile is left to the next tick, which plans
// from fresh state. At most `maxActions` pods are handled per pass (kube rate-limits
// evictions too), so a pass over a node with thousands of pods stays inside its deadline;
// the rest follow on the next ticks.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import { listObjects } from '../../registry/generic/read.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import { recordEvent } from '../events/recorder.ts';
import { planPods, type PodAction, type PodPlanInput } from './eviction.ts';
import { asControllerManager } from '../field-managers.ts';

export const TAINT_EVICTION_COMPONENT = 'taint-eviction-controller';
const CONCURRENCY = 8;

export interface PodSyncOptions {
  maxActions: number;
  signal: AbortSignal;
}

/** What was done, for logs and tests. */
export interface PodSyncResult {
  evicted: number;
  forceDeleted: number;
  statusUpdates: number;
}

export async function syncPods(ctx: RegistryContext, pods: ResourceType, nodeName: string, input: PodPlanInput, opts: PodSyncOptions): Promise<PodSyncResult> {
  const bound = (await listObjects(ctx, pods, { fieldSelector: `spec.nodeName=${nodeName}` })).items;
  const actions = planPods(bound, input).slice(0, opts.maxActions);
  const result: PodSyncResult = { evicted: 0, forceDeleted: 0, statusUpdates: 0 };
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, actions.length) }, async () => {
    // Past the deadline the pass is retried anyway: start nothing new.
    while (next < actions.length && !opts.signal.aborted) await apply(ctx, pods, actions[next++]!, result);
  }));
  return result;
}

async function apply(ctx: RegistryContext, pods: ResourceType, action: PodAction, result: PodSyncResult): Promise<void> {
  const { pod } = action;
  const meta = pod.metadata;
  const key = { resource: pods, namespace: meta.namespace, name: meta.name! };
  if (action.conditions) {
    const status = { ...((pod['status'] ?? {}) as Record<string, unknown>), conditions: action.conditions };
    const written = await skipGoneOrChanged(updateFrom(ctx, pods, pod, { ...pod, status }, { ...asControllerManager, subresource: 'status' }));
    if (written) result.statusUpdates++;
    // A pod that changed under us is planned again next tick; one that is gone needs nothing.
    else if (!action.delete) return;
  }
  if (action.delete === 'force') {
    if (await skipGoneOrChanged(deleteObject(ctx, pods, key, { gracePeriodSeconds: 0, preconditions: { uid: meta.uid } }))) result.forceDeleted++;
    return;
  }
  if (action.delete === 'evict') {
    // The uid precondition keeps a new pod that took the name from being evicted in its place.
    if (!(await skipGoneOrChanged(deleteObject(ctx, pods, key, { preconditions: { uid: meta.uid } })))) return;
    result.evicted++;
    await recordEvent(ctx, {
      involved: pod, type: 'Normal', reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${meta.namespace}/${meta.name}`, component: TAINT_EVICTION_COMPONENT,
    });
  }
}

/** The write's result, or undefined when the pod is gone or was changed by someone else. */
async function skipGoneOrChanged<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ConflictError) return undefined;
    throw err;
  }
}
