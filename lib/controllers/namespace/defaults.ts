// Makes a live namespace hold what planNamespaceDefaults says: reads the two objects, then
// writes through the generic registry (so admission refuses a namespace that has started
// terminating meanwhile, which is then no failure: there is nothing left to provide for).
import { AlreadyExistsError, ForbiddenError, NotFoundError } from '../../api/errors.ts';
import { createObject } from '../../registry/generic/create.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { asControllerManager } from '../field-managers.ts';
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP, planNamespaceDefaults } from './defaults-plan.ts';

export async function ensureNamespaceDefaults(ctx: RegistryContext, namespace: KubeObject, rootCaPem: string | undefined): Promise<void> {
  const name = namespace.metadata.name!;
  const [serviceAccount, rootCaConfigMap] = await Promise.all([
    getOrUndefined(ctx, 'serviceaccounts', name, DEFAULT_SERVICE_ACCOUNT),
    rootCaPem === undefined ? undefined : getOrUndefined(ctx, 'configmaps', name, ROOT_CA_CONFIGMAP),
  ]);
  for (const write of planNamespaceDefaults({ namespace, serviceAccount, rootCaConfigMap, rootCaPem })) {
    const type = ctx.registry.lookup('', 'v1', write.resource)!;
    try {
      if (write.verb === 'create') await createObject(ctx, type, write.obj, asControllerManager);
      // Conditional on the revision read: a concurrent edit is a conflict, retried by the queue.
      else await updateFrom(ctx, type, rootCaConfigMap!, write.obj, asControllerManager);
    } catch (err) {
      // Made by a racing pass (its change routes back here to be checked), or the namespace
      // went away or began terminating: as kube's controllers, nothing to retry.
      if (err instanceof AlreadyExistsError || err instanceof NotFoundError || isNamespaceTerminating(err)) continue;
      throw err;
    }
  }
}

function isNamespaceTerminating(err: unknown): boolean {
  return err instanceof ForbiddenError && Boolean(err.details?.causes?.some((c) => c.reason === 'NamespaceTerminating'));
}

async function getOrUndefined(ctx: RegistryContext, resource: string, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get({ resource: { group: '', resource }, namespace, name });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
