// pods/binding: how the scheduler assigns a pod to a node. A pod is bound once; binding a
// bound pod is a conflict, as in kube-apiserver.
import { BadRequestError, ConflictError, NotFoundError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import type { RegistryContext, WriteOptions } from '../generic/context.ts';
import { updateFrom } from '../generic/update.ts';
import type { ResourceType } from '../resource-type.ts';
import { accountingDelta } from '../../scheduler/pod-requests.ts';
import { hostPortKey, podHostPorts } from '../../scheduler/host-ports.ts';
import { nodeAllocatable } from '../../scheduler/resources.ts';
import type { Capacity } from '../../storage/node-accounting.ts';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  reason?: string;
  message?: string;
}

export interface BindOptions extends WriteOptions {
  /** The scheduler's bind: refuse (CapacityExceededError) unless the node still has room. */
  enforceCapacity?: boolean;
  /** The pod as the caller has just read it: the first attempt starts from it instead of a read. */
  pod?: KubeObject;
  /** The node's allocatable as the caller knows it (the scheduler's snapshot), instead of a read. */
  capacity?: Capacity;
}

export async function bindPod(
  ctx: RegistryContext, pods: ResourceType, key: ObjectKey, binding: { target?: { kind?: string; name?: string } }, opts: BindOptions = {},
): Promise<KubeObject> {
  const nodeName = binding.target?.name;
  if (!nodeName) throw new BadRequestError('Binding.target.name: Required value: the node to bind to');
  if (binding.target?.kind && binding.target.kind !== 'Node') {
    throw new BadRequestError(`Binding.target.kind: Unsupported value: "${binding.target.kind}": supported values: "Node"`);
  }
  const bindingResource = { group: '', resource: 'pods/binding' };
  for (let attempt = 1; ; attempt++) {
    let current: KubeObject;
    try {
      current = attempt === 1 && opts.pod ? opts.pod : await ctx.store.get(key);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError(pods, key.name);
      throw err;
    }
    const spec = (current['spec'] ?? {}) as { nodeName?: string };
    if (spec.nodeName) throw new ConflictError(bindingResource, key.name, `pod ${key.name} is already assigned to node "${spec.nodeName}"`);
    if (current.metadata.deletionTimestamp) throw new ConflictError(bindingResource, key.name, `pod ${key.name} is being deleted, cannot be assigned to a host`);
    const bound = structuredClone(current);
    bound['spec'] = { ...spec, nodeName };
    const status = (bound['status'] ?? {}) as { conditions?: PodCondition[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.clock.now()) });
    bound['status'] = { ...status, conditions };
    try {
      if (ctx.accounting && !opts.dryRun) return await chargedBind(ctx, pods, current, bound, nodeName, opts);
      // Binding writes spec and status together, bypassing the main resource's "status is
      // read-only" rule the way kube's binding storage does. That storage writes the pod
      // directly, so no manager is recorded on it (kube-scheduler shows up only for status
      // writes such as PodScheduled=False).
      const { fieldManager: _notRecorded, ...unrecorded } = opts;
      const result = await updateFrom(ctx, { ...pods, strategy: { ...pods.strategy, hasStatus: false, validateUpdate: undefined } }, current, bound, unrecorded);
      return result.object;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
    }
  }
}

/** The bind and its node's charge in one transaction (lib/storage/node-accounting.ts). */
async function chargedBind(ctx: RegistryContext, pods: ResourceType, current: KubeObject, bound: KubeObject, nodeName: string, opts: BindOptions): Promise<KubeObject> {
  const delta = accountingDelta(bound);
  const charge = { milliCpu: delta.milliCpu, memory: delta.memory, hostPorts: podHostPorts(bound).map(hostPortKey) };
  const capacity = opts.enforceCapacity ? opts.capacity ?? nodeCapacity(await ctx.store.get({ resource: NODES, name: nodeName })) : undefined;
  return ctx.accounting!.bind(pods, bound, nodeName, charge, capacity, current);
}

/** What a node can hold, from its status.allocatable. */
export function nodeCapacity(node: KubeObject): Capacity {
  const a = nodeAllocatable(node);
  return { milliCpu: a.milliCpu, memory: a.memory, pods: Number(a.pods) };
}

const NODES = { group: '', resource: 'nodes' };
