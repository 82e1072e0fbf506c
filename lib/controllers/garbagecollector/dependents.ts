// Finding an owner's dependents. Without kube's in-memory dependency graph, this lists
// every kind that could hold a reference to the owner and keeps the objects that name it:
// the namespaced kinds of its namespace for a namespaced owner (kube forbids references
// across namespaces), every kind everywhere for a cluster-scoped one. It is the one place
// that knows how dependents are found, so an index (owner uid → dependents, e.g. a sparse
// GSI written with ownerReferences) can replace it without touching the collector.
import { apiGroup } from '../../pipeline/routes/object-fields.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { listItems } from '../list-items.ts';

export interface OwnerIdentity {
  group: string;
  kind: string;
  /** Absent for a cluster-scoped owner. */
  namespace?: string;
  name: string;
  /** When known, references must carry it; when the owner is gone, its name is all we have. */
  uid?: string;
}

export interface Dependent {
  type: ResourceType;
  obj: KubeObject;
}

/**
 * Events are not searched: they are the most numerous objects, the pipeline never routes
 * them, and they expire within the hour on their own.
 */
const NOT_SEARCHED = new Set(['/events', 'events.k8s.io/events']);

/**
 * Dependents of one owner or of many: each scope (a namespace, or the whole cluster) is
 * listed once and kept, so collecting a thousand pods that might own something costs one
 * scan, not a thousand. One finder per reconcile; forget() after writes that matter.
 */
export class DependentFinder {
  private readonly scans = new Map<string, Promise<Dependent[]>>();

  constructor(private readonly ctx: RegistryContext) {}

  async find(owner: OwnerIdentity): Promise<Dependent[]> {
    const clusterScoped = this.ctx.registry.byKind(owner.group, owner.kind)?.namespaced === false;
    const scope = clusterScoped ? undefined : owner.namespace;
    return (await this.scan(scope)).filter((d) => refersTo(d.obj, owner));
  }

  forget(): void {
    this.scans.clear();
  }

  /** Everything that can hold a reference in the scope: undefined means the whole cluster. */
  private scan(namespace: string | undefined): Promise<Dependent[]> {
    const cacheKey = namespace ?? '';
    let found = this.scans.get(cacheKey);
    if (!found) {
      found = this.list(namespace);
      found.catch(() => this.scans.delete(cacheKey));
      this.scans.set(cacheKey, found);
    }
    return found;
  }

  private async list(namespace: string | undefined): Promise<Dependent[]> {
    const out: Dependent[] = [];
    for (const type of this.ctx.registry.all()) {
      if (NOT_SEARCHED.has(`${type.group}/${type.resource}`)) continue;
      if (namespace !== undefined && !type.namespaced) continue;
      for (const obj of await listItems(this.ctx.store, type, { namespace })) {
        if (obj.metadata.ownerReferences?.length) out.push({ type, obj });
      }
    }
    return out;
  }
}

export function refersTo(obj: KubeObject, owner: OwnerIdentity): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) =>
    owner.uid !== undefined ? r.uid === owner.uid : r.name === owner.name && r.kind === owner.kind && apiGroup(r.apiVersion) === owner.group,
  );
}

export function identityOf(type: ResourceType, obj: KubeObject): OwnerIdentity {
  const id: OwnerIdentity = { group: type.group, kind: type.kind, name: obj.metadata.name ?? '' };
  if (obj.metadata.namespace) id.namespace = obj.metadata.namespace;
  if (obj.metadata.uid) id.uid = obj.metadata.uid;
  return id;
}

export function keyOf(type: ResourceType, obj: KubeObject): ObjectKey {
  return { resource: type, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
}
