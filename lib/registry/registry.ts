// The one place that knows every served kind. Discovery, OpenAPI, URL routing and the
// generic registry all read it; nothing else keeps its own list of kinds.
import type { ResourceType } from './resource-type.ts';
import type { ReviewType } from './review-type.ts';

export interface GroupVersions {
  group: string;
  versions: string[];
}

export class Registry {
  private readonly byResource = new Map<string, ResourceType>();
  private readonly byKindName = new Map<string, ResourceType>();
  private readonly reviewsByResource = new Map<string, ReviewType>();
  /** Stored kinds and review kinds: what discovery and OpenAPI announce. */
  private readonly served: readonly ResourceType[];

  constructor(private readonly types: readonly ResourceType[], reviews: readonly ReviewType[] = []) {
    for (const t of types) {
      this.byResource.set(`${t.group}/${t.version}/${t.resource}`, t);
      this.byKindName.set(`${t.group}/${t.kind}`, t);
    }
    for (const r of reviews) this.reviewsByResource.set(`${r.group}/${r.version}/${r.resource}`, r);
    this.served = [...types, ...reviews];
  }

  /** The stored kinds (reviews are not among them: nothing lists, watches or deletes those). */
  all(): readonly ResourceType[] {
    return this.types;
  }

  /** A create-only review kind by URL names (lookup() finds stored kinds only). */
  review(group: string, version: string, resource: string): ReviewType | undefined {
    return this.reviewsByResource.get(`${group}/${version}/${resource}`);
  }

  isReview(t: ResourceType): boolean {
    return this.reviewsByResource.get(`${t.group}/${t.version}/${t.resource}`) === t;
  }

  lookup(group: string, version: string, resource: string): ResourceType | undefined {
    return this.byResource.get(`${group}/${version}/${resource}`);
  }

  /** By API group and kind, as found in an object's apiVersion/kind or an ownerReference. */
  byKind(group: string, kind: string): ResourceType | undefined {
    return this.byKindName.get(`${group}/${kind}`);
  }

  /** Served groups in discovery order: the core group first, then the rest by name. */
  groups(): GroupVersions[] {
    const map = new Map<string, Set<string>>();
    for (const t of this.served) {
      if (!map.has(t.group)) map.set(t.group, new Set());
      map.get(t.group)!.add(t.version);
    }
    return [...map.entries()]
      .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
      .map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.served.filter((t) => t.group === group && t.version === version);
  }
}

/** Splits "apps/v1" into group and version; "v1" is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
