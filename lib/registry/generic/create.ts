// Create, as kube-apiserver's generic registry does it: server-owned metadata cleared,
// name generated, defaults, validation, namespace admission, then a conditional write.
import { AlreadyExistsError, BadRequestError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import { allocateOnCreate } from '../clusterip/service-allocation.ts';
import type { RegistryContext, WriteOptions } from './context.ts';
import { admitCreateInNamespace } from './namespace-lifecycle.ts';
import { trackCreate } from './field-tracking.ts';
import { generationOnCreate } from './generation.ts';
import { validateForCreate } from './object-checks.ts';
import { omitEmptyMetadataMaps } from './update.ts';

/** A generated name can collide; like kube-apiserver, try a few fresh suffixes. */
const GENERATE_NAME_ATTEMPTS = 3;

export async function createObject(ctx: RegistryContext, type: ResourceType, input: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
  if (input.metadata?.resourceVersion) {
    throw new BadRequestError('resourceVersion should not be set on objects to be created');
  }
  const prepared = trackCreate(ctx, type, prepare(type, input), opts);
  const generated = !prepared.metadata.name && Boolean(prepared.metadata.generateName);
  for (let attempt = 1; ; attempt++) {
    const obj = generated ? withName(prepared, prepared.metadata.generateName! + ctx.ids.nameSuffix()) : prepared;
    validateForCreate(type, obj);
    await admitCreateInNamespace(ctx, type, obj);
    if (opts.dryRun) return dryRunResult(ctx, obj);
    // Values drawn from a shared pool (a Service's ClusterIP) are claimed last, once the
    // object is known to be valid, and given back if the write fails (a failed give-back
    // is left to the endpoints controller's repair rather than hiding the write's error).
    const allocated = await allocateOnCreate(ctx, type, obj);
    try {
      return await ctx.store.create(type, allocated.obj);
    } catch (err) {
      await allocated.release().catch(() => undefined);
      if (!(err instanceof AlreadyExistsError) || !generated || attempt >= GENERATE_NAME_ATTEMPTS) throw err;
    }
  }
}

function prepare(type: ResourceType, input: KubeObject): KubeObject {
  const meta = { ...(input.metadata ?? {}) };
  for (const serverOwned of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) {
    delete meta[serverOwned];
  }
  if (!type.namespaced) delete meta.namespace;
  omitEmptyMetadataMaps(meta);
  let obj: KubeObject = { ...input, metadata: meta };
  if (type.strategy.hasStatus && !type.strategy.keepStatusOnCreate) delete obj['status'];
  if (type.strategy.defaults) obj = type.strategy.defaults(obj);
  if (type.strategy.prepareForCreate) obj = type.strategy.prepareForCreate(obj);
  return generationOnCreate(type, obj);
}

function withName(obj: KubeObject, name: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, name } };
}

/** What would have been stored: identity filled in, but no revision, because nothing was written. */
function dryRunResult(ctx: RegistryContext, obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, uid: ctx.ids.uid(), creationTimestamp: rfc3339(ctx.clock.now()) },
  };
}
