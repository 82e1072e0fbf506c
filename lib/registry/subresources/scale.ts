// The scale subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets: a view of
// spec.replicas that shares the parent's resourceVersion, so `kubectl scale
// --current-replicas` gets kube's optimistic concurrency.
import { BadRequestError, ConflictError, MethodNotAllowedError } from '../../api/errors.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import type { RegistryContext, WriteOptions } from '../generic/context.ts';
import { updateFrom } from '../generic/update.ts';
import type { ResourceType, ScaleSpec } from '../resource-type.ts';

export interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: KubeObject['metadata'];
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

function scaleSpec(type: ResourceType): ScaleSpec {
  if (!type.strategy.scale) throw new MethodNotAllowedError(`${type.resource} has no scale subresource`);
  return type.strategy.scale;
}

export function scaleOf(type: ResourceType, obj: KubeObject): Scale {
  const spec = scaleSpec(type);
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.specReplicas(obj) },
    status: { replicas: spec.statusReplicas(obj), selector: spec.selector(obj) },
  };
}

export async function getScale(ctx: RegistryContext, type: ResourceType, key: ObjectKey): Promise<Scale> {
  return scaleOf(type, await ctx.store.get(key));
}

/**
 * Writes spec.replicas from a desired Scale. `change` maps the current Scale to the desired
 * one (a PUT body, or a patch applied to the current Scale); retried on conflict unless the
 * desired Scale pins a resourceVersion.
 */
export async function updateScale(
  ctx: RegistryContext, type: ResourceType, key: ObjectKey, change: (current: Scale) => unknown, opts: WriteOptions = {},
): Promise<Scale> {
  const spec = scaleSpec(type);
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.get(key);
    const desired = change(scaleOf(type, current)) as Partial<Scale> | null;
    const replicas = desired?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new BadRequestError(`Scale.spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be a non-negative integer`);
    }
    const pinned = desired?.metadata?.resourceVersion;
    if (pinned && pinned !== current.metadata.resourceVersion) throw new ConflictError(type, key.name);
    try {
      const result = await updateFrom(ctx, type, current, spec.setSpecReplicas(structuredClone(current), replicas), { ...opts, fieldManagerSubresource: 'scale' });
      return scaleOf(type, result.object);
    } catch (err) {
      if (!(err instanceof ConflictError) || pinned || attempt >= 5) throw err;
    }
  }
}
