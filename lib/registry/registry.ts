// The one place that knows every served kind. Discovery, OpenAPI, URL routing and the
// generic registry all read it; nothing else keeps its own list of kinds.
import type { ResourceType } from './resource-type.ts';

export interface GroupVersions {
  group: string;
  versions: string[];
}

export class Registry {
  private readonly byResource = new Map<string, ResourceType>();
  private readonly byKindName = new Map<string, ResourceType>();

  constructor(private readonly types: readonly ResourceType[]) {
    for (const t of types) {
      this.byResource.set(`${t.group}/${t.version}/${t.resource}`, t);
      this.byKindName.set(`${t.group}/${t.kind}`, t);
    }
  }

  all(): readonly ResourceType[] {
    return this.types;
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
    for (const t of this.types) {
      if (!map.has(t.group)) map.set(t.group, new Set());
      map.get(t.group)!.add(t.version);
    }
    return [...map.entries()]
      .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
      .map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }
}

/** Splits "apps/v1" into group and version; "v1" is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
