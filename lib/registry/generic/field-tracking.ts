// The registry's edge of field management: it supplies the kind's type, the API version and
// the clock to the pure core in lib/api/fieldmanager. A write with a fieldManager (every
// write through the HTTP API: kube falls back to the User-Agent) records its manager in
// metadata.managedFields; internal writes without one (controllers calling the registry)
// leave managedFields as the object already carries them.
import { recordUpdate, type FieldManagerScope } from '../../api/fieldmanager/field-manager.ts';
import { typeForModel } from '../../api/fieldmanager/model-schema.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { groupVersion, type ResourceType } from '../resource-type.ts';
import type { RegistryContext, WriteOptions } from './context.ts';

export function fieldManagerScope(ctx: RegistryContext, type: ResourceType, subresource?: 'status' | 'scale'): FieldManagerScope {
  const scope: FieldManagerScope = { type: typeForModel(type.strategy.modelName), apiVersion: groupVersion(type), now: rfc3339(ctx.clock.now()) };
  if (subresource) scope.subresource = subresource;
  if (subresource === 'status' && type.strategy.statusWritesAnnotations) scope.statusAnnotations = true;
  return scope;
}

export function trackCreate(ctx: RegistryContext, type: ResourceType, obj: KubeObject, opts: WriteOptions): KubeObject {
  if (!opts.fieldManager) return obj;
  return recordUpdate(undefined, obj, opts.fieldManager, fieldManagerScope(ctx, type));
}

/**
 * `next` is what an update will store, `input` what the client sent. A status write keeps the
 * stored metadata, so an apply's managedFields are carried over from its input explicitly.
 */
export function trackUpdate(
  ctx: RegistryContext, type: ResourceType, current: KubeObject, input: KubeObject, next: KubeObject, opts: WriteOptions & { subresource?: 'status' },
): KubeObject {
  if (opts.applied) {
    const managedFields = input.metadata?.managedFields;
    const metadata = { ...next.metadata };
    if (managedFields === undefined) delete metadata.managedFields;
    else metadata.managedFields = managedFields;
    return { ...next, metadata };
  }
  if (!opts.fieldManager) return next;
  const subresource = opts.subresource ?? opts.fieldManagerSubresource;
  return recordUpdate(current, next, opts.fieldManager, fieldManagerScope(ctx, type, subresource));
}
