// Looks up the owners named by a dependent's ownerReferences, as they are now. An owner
// lives in its dependent's namespace unless its kind is cluster-scoped; the uid decides
// whether what is found there is the owner or a namesake (classifyOwner). One lookup per
// owner per reconcile: an owner with a thousand pods is read once.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { NotFoundError } from '../../api/errors.ts';
import { apiGroup } from '../../pipeline/routes/object-fields.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { classifyOwner, type ClassifiedOwner, type OwnerLookup } from './plan.ts';

export class OwnerLookups {
  private readonly cache = new Map<string, Promise<OwnerLookup>>();

  constructor(private readonly ctx: RegistryContext) {}

  async classify(dependent: KubeObject): Promise<ClassifiedOwner[]> {
    const refs = dependent.metadata.ownerReferences ?? [];
    return Promise.all(refs.map(async (ref) => ({ ref, state: classifyOwner(ref, await this.lookup(ref, dependent.metadata.namespace)) })));
  }

  /** Forgets what was read, after the collector changed it. */
  clear(): void {
    this.cache.clear();
  }

  private lookup(ref: OwnerReference, namespace: string | undefined): Promise<OwnerLookup> {
    const type = this.ctx.registry.byKind(apiGroup(ref.apiVersion), ref.kind);
    // Kinds not served here cannot be checked, and a cluster-scoped object cannot be owned
    // by a namespaced one (kube reports it and leaves the object alone).
    if (!type || (type.namespaced && !namespace)) return Promise.resolve('unresolvable');
    const ns = type.namespaced ? namespace : undefined;
    const cacheKey = `${type.group}/${type.resource}/${ns ?? ''}/${ref.name}`;
    let found = this.cache.get(cacheKey);
    if (!found) {
      found = this.ctx.store.get({ resource: type, namespace: ns, name: ref.name }).catch((err: unknown) => {
        if (err instanceof NotFoundError) return 'absent' as const;
        this.cache.delete(cacheKey);
        throw err;
      });
      this.cache.set(cacheKey, found);
    }
    return found;
  }
}
