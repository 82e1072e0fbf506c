// Read-modify-write through the registry's update, retried on conflict. The change is
// recomputed from each fresh read, so an ownerReference or finalizer someone else added
// meanwhile is never lost (a merge patch built from an older read would drop it).
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { asControllerManager } from '../field-managers.ts';

const MAX_ATTEMPTS = 5;

/**
 * Applies `change` to the object if it is still the one with `uid`; `change` returns
 * undefined when there is nothing (left) to do. Gone, or replaced by a namesake: done.
 */
export async function rewrite(
  ctx: RegistryContext, type: ResourceType, key: ObjectKey, uid: string | undefined, change: (current: KubeObject) => KubeObject | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let current: KubeObject;
    try {
      current = await ctx.store.get(key);
    } catch (err) {
      if (err instanceof NotFoundError) return;
      throw err;
    }
    if (uid !== undefined && current.metadata.uid !== uid) return;
    const next = change(current);
    if (!next) return;
    try {
      await updateFrom(ctx, type, current, next, asControllerManager);
      return;
    } catch (err) {
      if (err instanceof NotFoundError) return;
      if (!(err instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
