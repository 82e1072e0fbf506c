// PATCH: apply the patch to the current object, then take the update path. Like
// kube-apiserver, a patch that does not pin a resourceVersion is retried on conflict;
// one that does fails with 409.
import { ConflictError, UnsupportedMediaTypeError } from '../../api/errors.ts';
import { applyJsonPatch } from '../../api/patch/json-patch.ts';
import { applyMergePatch } from '../../api/patch/merge-patch.ts';
import { patchSchemaFor } from '../../api/patch/builtin-patch-schemas.ts';
import { applyStrategicMergePatch } from '../../api/patch/strategic-merge.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import { checkSchema } from './object-checks.ts';
import type { RegistryContext } from './context.ts';
import { updateFrom, type UpdateOptions, type UpdateResult } from './update.ts';

export type PatchType = 'json' | 'merge' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

const MAX_PATCH_ATTEMPTS = 5;

export async function patchObject(
  ctx: RegistryContext, type: ResourceType, key: ObjectKey, patchType: PatchType, patch: unknown, opts: UpdateOptions = {},
): Promise<UpdateResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.get(key);
    const patched = applyPatch(type, current, patchType, patch);
    checkSchema(type, patched, opts);
    try {
      return await updateFrom(ctx, type, current, patched, opts);
    } catch (err) {
      const pinned = patched.metadata?.resourceVersion !== current.metadata.resourceVersion;
      if (!(err instanceof ConflictError) || pinned || attempt >= MAX_PATCH_ATTEMPTS) throw err;
    }
  }
}

export function applyPatch(type: ResourceType, current: KubeObject, patchType: PatchType, patch: unknown): KubeObject {
  switch (patchType) {
    case 'json':
      return applyJsonPatch(current, patch, { kind: type.kind, name: current.metadata.name ?? '', group: type.group }) as KubeObject;
    case 'merge':
      return applyMergePatch(current, patch) as KubeObject;
    case 'strategic':
      return applyStrategicMergePatch(current, patch, patchSchemaFor(type.group, type.kind)) as KubeObject;
    default:
      throw new UnsupportedMediaTypeError(`the body of the request was in an unknown patch type`);
  }
}
