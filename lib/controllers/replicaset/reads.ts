// The reads both workload controllers make. Reads go to the store directly (like the
// namespace and scheduler controllers); every write goes through lib/registry/generic.
import type { GroupResource } from '../../api/errors.ts';
import { NotFoundError } from '../../api/errors.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { listItems } from '../list-items.ts';

export const PODS: GroupResource = { group: '', resource: 'pods' };
export const REPLICASETS: GroupResource = { group: 'apps', resource: 'replicasets' };
export const DEPLOYMENTS: GroupResource = { group: 'apps', resource: 'deployments' };

/** The object, or undefined when it does not exist (a key can outlive its object). */
export async function getOrUndefined(ctx: RegistryContext, resource: GroupResource, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get({ resource, namespace, name });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** Every object of a resource in one namespace. */
export async function listIn(ctx: RegistryContext, resource: GroupResource, namespace: string): Promise<KubeObject[]> {
  return listItems(ctx.store, resource, { namespace });
}
