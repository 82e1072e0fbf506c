// One node's side of a pass: read the Node and its Lease, plan, and write the conditions
// (status subresource) and the taints (main resource) through the generic registry, each
// conditional on the revision just read. A conflict means the agent or a user wrote in
// between: read again and plan again, as kube's monitorNodeHealth retries with a fresh GET.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import { NODE_LEASE_NAMESPACE } from '../../pipeline/routes/node-lifecycle.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { recordEvent } from '../events/recorder.ts';
import { planNode, type NodePlan, type NodePlanSettings } from './plan.ts';
import { asControllerManager } from '../field-managers.ts';

const LEASES = { group: 'coordination.k8s.io', resource: 'leases' };
const MAX_ATTEMPTS = 3;

export const NODE_CONTROLLER_COMPONENT = 'node-controller';

export interface NodeSyncResult {
  node: KubeObject;
  plan: NodePlan;
  nowMs: number;
}

/** Undefined when the node does not exist (any more). */
export async function syncNode(ctx: RegistryContext, nodes: ResourceType, name: string, settings: NodePlanSettings): Promise<NodeSyncResult | undefined> {
  for (let attempt = 1; ; attempt++) {
    const node = await getOrUndefined(ctx, { resource: nodes, name });
    if (!node) return undefined;
    const lease = await getOrUndefined(ctx, { resource: LEASES, namespace: NODE_LEASE_NAMESPACE, name });
    const nowMs = ctx.clock.now().getTime();
    const plan = planNode(node, lease, nowMs, settings);
    try {
      return { node: await write(ctx, nodes, node, plan), plan, nowMs };
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      if (!(err instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

async function write(ctx: RegistryContext, nodes: ResourceType, node: KubeObject, plan: NodePlan): Promise<KubeObject> {
  let current = node;
  // Conditions first, as kube does: the taints are derived from them.
  if (plan.conditions) {
    const status = { ...((current['status'] ?? {}) as Record<string, unknown>), conditions: plan.conditions };
    current = (await updateFrom(ctx, nodes, current, { ...current, status }, { ...asControllerManager, subresource: 'status' })).object;
    // Said once, right after the write that made it true: a retry plans from the new status.
    if (plan.becameNotReady) {
      const name = current.metadata.name!;
      await recordEvent(ctx, { involved: current, type: 'Normal', reason: 'NodeNotReady', message: `Node ${name} status is now: NodeNotReady`, component: NODE_CONTROLLER_COMPONENT });
    }
  }
  if (plan.taints) {
    const spec: Record<string, unknown> = { ...((current['spec'] ?? {}) as Record<string, unknown>) };
    if (plan.taints.length) spec['taints'] = plan.taints;
    else delete spec['taints'];
    current = (await updateFrom(ctx, nodes, current, { ...current, spec }, asControllerManager)).object;
  }
  return current;
}

async function getOrUndefined(ctx: RegistryContext, key: ObjectKey): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get(key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
