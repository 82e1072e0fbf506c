// pods/binding: how the scheduler assigns a pod to a node. A pod is bound once; binding a
// bound pod is a conflict, as in kube-apiserver.
import { BadRequestError, ConflictError, NotFoundError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import type { RegistryContext, WriteOptions } from '../generic/context.ts';
import { updateFrom } from '../generic/update.ts';
import type { ResourceType } from '../resource-type.ts';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  reason?: string;
  message?: string;
}

export async function bindPod(
  ctx: RegistryContext, pods: ResourceType, key: ObjectKey, binding: { target?: { kind?: string; name?: string } }, opts: WriteOptions = {},
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
      current = await ctx.store.get(key);
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
      // Binding writes spec and status together, bypassing the main resource's "status is
      // read-only" rule the way kube's binding storage does.
      const result = await updateFrom(ctx, { ...pods, strategy: { ...pods.strategy, hasStatus: false, validateUpdate: undefined } }, current, bound, opts);
      return result.object;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
    }
  }
}
