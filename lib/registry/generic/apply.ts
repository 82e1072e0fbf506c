// Server-side apply (PATCH with application/apply-patch+yaml): merge the configuration onto
// the live object with the pure core in lib/api/fieldmanager, then take the ordinary create
// or update path, so defaults, validation and admission run exactly as for any write. An
// absent object is created. Like other patches, an apply that does not pin a
// resourceVersion is retried when it races another write.
import { AlreadyExistsError, BadRequestError, ConflictError, NotFoundError } from '../../api/errors.ts';
import { applyObject } from '../../api/fieldmanager/field-manager.ts';
import { DuplicateKeyError } from '../../api/fieldmanager/merge.ts';
import { FieldPathError } from '../../api/fieldmanager/types.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { groupVersion, type ResourceType } from '../resource-type.ts';
import type { RegistryContext, WriteOptions } from './context.ts';
import { createObject } from './create.ts';
import { fieldManagerScope } from './field-tracking.ts';
import { updateFrom } from './update.ts';

export interface ApplyOptions extends WriteOptions {
  fieldManager: string;
  force: boolean;
  subresource?: 'status';
}

export interface ApplyResult {
  object: KubeObject;
  created: boolean;
}

const MAX_APPLY_ATTEMPTS = 5;

export async function applyToObject(ctx: RegistryContext, type: ResourceType, key: ObjectKey, config: KubeObject, opts: ApplyOptions): Promise<ApplyResult> {
  const writeOpts: WriteOptions & { subresource?: 'status' } = { ...opts, fieldManager: undefined, applied: true };
  const scope = fieldManagerScope(ctx, type, opts.subresource);
  const pinned = Boolean(config.metadata?.resourceVersion);
  for (let attempt = 1; ; attempt++) {
    const current = await getOrUndefined(ctx, key);
    try {
      if (!current) {
        if (opts.subresource) throw new NotFoundError(type, key.name);
        if (pinned) throw new ConflictError(type, key.name);
        const obj = merge(type, undefined, config, opts, scope);
        return { object: await createObject(ctx, type, obj, { ...writeOpts, applied: undefined }), created: true };
      }
      const merged = merge(type, current, config, opts, scope);
      const result = await updateFrom(ctx, type, current, merged, writeOpts);
      return { object: result.object, created: false };
    } catch (err) {
      const raced = err instanceof ConflictError || err instanceof AlreadyExistsError;
      if (!raced || pinned || attempt >= MAX_APPLY_ATTEMPTS) throw err;
    }
  }
}

async function getOrUndefined(ctx: RegistryContext, key: ObjectKey): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get(key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

function merge(type: ResourceType, live: KubeObject | undefined, config: KubeObject, opts: ApplyOptions, scope: ReturnType<typeof fieldManagerScope>): KubeObject {
  try {
    return applyObject(live, config, { manager: opts.fieldManager, force: opts.force }, scope) as KubeObject;
  } catch (err) {
    // A configuration apply cannot place (a list element without its key, a key listed twice).
    if (err instanceof FieldPathError || err instanceof DuplicateKeyError) {
      throw new BadRequestError(`failed to create typed patch object (${groupVersion(type)}, Kind=${type.kind}): ${err.message}`);
    }
    throw err;
  }
}
