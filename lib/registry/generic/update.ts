// Update (PUT), for the main resource and the status subresource, as kube's generic
// registry: optimistic concurrency on resourceVersion, server-owned metadata carried over,
// the status subresource changing only status and the main resource never changing it,
// and an object being deleted goes once its last finalizer is removed.
import { isDeepStrictEqual } from 'node:util';
import { BadRequestError, ConflictError } from '../../api/errors.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import type { RegistryContext, WriteOptions } from './context.ts';
import { trackUpdate } from './field-tracking.ts';
import { generationOnUpdate } from './generation.ts';
import { validateForUpdate } from './object-checks.ts';

export interface UpdateOptions extends WriteOptions {
  subresource?: 'status';
}

export interface UpdateResult {
  object: KubeObject;
  /** True when removing the last finalizer of an object being deleted removed it. */
  deleted: boolean;
}

/**
 * Applies `input` over the stored object. An empty input resourceVersion means an
 * unconditional update (kube allows it for PUT); otherwise it must be the stored one.
 */
export async function updateObject(
  ctx: RegistryContext, type: ResourceType, key: ObjectKey, input: KubeObject, opts: UpdateOptions = {},
): Promise<UpdateResult> {
  const current = await ctx.store.get(key);
  return updateFrom(ctx, type, current, input, opts);
}

/** The same, from an object the caller has just read (patch re-reads on every attempt). */
export async function updateFrom(
  ctx: RegistryContext, type: ResourceType, current: KubeObject, input: KubeObject, opts: UpdateOptions = {},
): Promise<UpdateResult> {
  const name = current.metadata.name!;
  if (input.metadata?.name && input.metadata.name !== name) {
    throw new BadRequestError(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
  }
  const expected = input.metadata?.resourceVersion;
  if (expected && expected !== current.metadata.resourceVersion) throw new ConflictError(type, name);

  let next = opts.subresource === 'status' ? statusOnly(type, current, input) : mainOnly(type, current, input);
  if (type.strategy.defaults) next = type.strategy.defaults(next);
  next = generationOnUpdate(type, current, next, opts.subresource);
  next = trackUpdate(ctx, type, current, input, next, opts);
  validateForUpdate(type, next, current);

  // kube's ShouldDeleteDuringUpdate: an object being deleted goes when it has no finalizers
  // left and no grace period running (a pod on its node keeps updating its status meanwhile).
  if (current.metadata.deletionTimestamp && !next.metadata.finalizers?.length && (current.metadata.deletionGracePeriodSeconds ?? 0) === 0) {
    if (opts.dryRun) return { object: next, deleted: true };
    await ctx.store.delete(
      { resource: type, namespace: current.metadata.namespace, name },
      { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion },
    );
    return { object: next, deleted: true };
  }
  if (isDeepStrictEqual(next, current) || opts.dryRun) return { object: opts.dryRun ? next : current, deleted: false };
  return { object: await ctx.store.update(type, next, current), deleted: false };
}

/** Server-owned metadata is never taken from the client. */
function carryServerMetadata(current: KubeObject, meta: KubeObject['metadata']): KubeObject['metadata'] {
  const out = { ...meta };
  out.uid = current.metadata.uid;
  out.creationTimestamp = current.metadata.creationTimestamp;
  if (current.metadata.generation === undefined) delete out.generation;
  else out.generation = current.metadata.generation;
  out.resourceVersion = current.metadata.resourceVersion;
  out.namespace = current.metadata.namespace;
  out.name = current.metadata.name;
  if (current.metadata.deletionTimestamp) {
    out.deletionTimestamp = current.metadata.deletionTimestamp;
    out.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
  } else {
    delete out.deletionTimestamp;
    delete out.deletionGracePeriodSeconds;
  }
  if (!out.namespace) delete out.namespace;
  return omitEmptyMetadataMaps(out);
}

/**
 * Go drops empty `omitempty` maps when it re-encodes, so kube never stores `labels: {}`
 * (e.g. after `kubectl label x key-` removed the last label); neither do we.
 */
export function omitEmptyMetadataMaps(meta: KubeObject['metadata']): KubeObject['metadata'] {
  for (const field of ['labels', 'annotations'] as const) {
    const value = meta[field];
    if (value !== undefined && (value === null || Object.keys(value).length === 0)) delete meta[field];
  }
  return meta;
}

function mainOnly(type: ResourceType, current: KubeObject, input: KubeObject): KubeObject {
  const next: KubeObject = { ...input, apiVersion: current.apiVersion, kind: current.kind, metadata: carryServerMetadata(current, input.metadata ?? {}) };
  if (type.strategy.hasStatus) {
    if (current['status'] === undefined) delete next['status'];
    else next['status'] = current['status'];
  }
  return next;
}

/**
 * A status write changes status only: spec and metadata stay as stored (kube's
 * ResetObjectMetaForStatus), except annotations for kinds whose status strategy lets them through.
 */
function statusOnly(type: ResourceType, current: KubeObject, input: KubeObject): KubeObject {
  const next: KubeObject = { ...current, metadata: { ...current.metadata } };
  if (type.strategy.statusWritesAnnotations && input.metadata) {
    if (input.metadata.annotations) next.metadata.annotations = input.metadata.annotations;
    else delete next.metadata.annotations;
    omitEmptyMetadataMaps(next.metadata);
  }
  if (input['status'] === undefined) delete next['status'];
  else next['status'] = input['status'];
  return next;
}
