// Admission for namespaced writes, as kube's NamespaceLifecycle plugin: the namespace must
// exist, and one that is being terminated accepts no new objects.
import { ForbiddenError, NotFoundError, qualifiedResource } from '../../api/errors.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import type { RegistryContext } from './context.ts';

export const NAMESPACES = { group: '', resource: 'namespaces' } as const;

/** Namespaces every cluster has; kube-apiserver creates the same four. */
export const BOOTSTRAP_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export async function admitCreateInNamespace(ctx: RegistryContext, type: ResourceType, obj: KubeObject): Promise<void> {
  if (!type.namespaced) return;
  const namespace = obj.metadata.namespace!;
  const now = ctx.clock.now().getTime();
  if (ctx.namespaces?.isActive(namespace, now)) return;
  let ns: KubeObject;
  try {
    const load = () => ctx.store.get({ resource: NAMESPACES, name: namespace });
    ns = await (ctx.namespaces ? ctx.namespaces.read(namespace, load) : load());
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(NAMESPACES, namespace);
    throw err;
  }
  if (isTerminating(ns)) {
    const name = obj.metadata.name || obj.metadata.generateName || '';
    const err = new ForbiddenError(
      `${qualifiedResource(type)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      { name, group: type.group || undefined, kind: type.resource, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }] },
    );
    throw err;
  }
  ctx.namespaces?.sawActive(namespace, now);
}

export function isTerminating(ns: KubeObject): boolean {
  return Boolean(ns.metadata.deletionTimestamp) || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating';
}
