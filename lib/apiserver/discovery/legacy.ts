// Unaggregated discovery, the documents kube-apiserver has always served: /api (APIVersions),
// /apis (APIGroupList) and one APIResourceList per group-version. Clients that do not ask
// for aggregated discovery (and older kubectl) walk these.
import { createHash } from 'node:crypto';
import type { Registry } from '../../registry/registry.ts';
import { groupVersion, type ResourceType } from '../../registry/resource-type.ts';
import { sortedResources, subresourcesOf } from './subresources.ts';
import { byPriority } from './version-priority.ts';

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  /** Set only when the entry speaks another group's kind (deployments/scale → autoscaling). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

/** `/api`: the core group's versions. The address list tells clients to keep using this server. */
export function apiVersions() {
  return {
    kind: 'APIVersions' as const,
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }],
  };
}

function forDiscovery(group: string, version: string): GroupVersionForDiscovery {
  return { groupVersion: groupVersion({ group, version }), version };
}

/** `/apis`: every named group (the core group is announced by /api instead). */
export function apiGroupList(registry: Registry) {
  const groups: APIGroup[] = [];
  for (const { group, versions } of registry.groups()) {
    if (group === '') continue;
    const ordered = byPriority(versions);
    groups.push({
      name: group,
      versions: ordered.map((v) => forDiscovery(group, v)),
      preferredVersion: forDiscovery(group, ordered[0]!),
    });
  }
  return { kind: 'APIGroupList' as const, apiVersion: 'v1' as const, groups };
}

/**
 * kube's storageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind") of
 * the storage version. Clients use it only to notice storage migrations, but kubectl and
 * controllers expect it to be present and stable.
 */
export function storageVersionHash(t: Pick<ResourceType, 'group' | 'version' | 'kind'>): string {
  return createHash('sha256').update(`${t.group}/${t.version}/${t.kind}`).digest().subarray(0, 8).toString('base64');
}

function resourceEntries(t: ResourceType, stored: boolean): APIResource[] {
  const main: APIResource = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: [...t.verbs],
  };
  if (t.shortNames?.length) main.shortNames = [...t.shortNames];
  if (t.categories?.length) main.categories = [...t.categories];
  // Reviews have no storage, so kube announces no storage version for them.
  if (stored) main.storageVersionHash = storageVersionHash(t);
  const entries = [main];
  for (const sub of subresourcesOf(t)) {
    const entry: APIResource = { name: `${t.resource}/${sub.name}`, singularName: '', namespaced: t.namespaced, kind: sub.kind.kind, verbs: [...sub.verbs] };
    // kube names the group/version only when they differ from the list's own.
    if (sub.kind.group !== t.group || sub.kind.version !== t.version) {
      entry.group = sub.kind.group;
      entry.version = sub.kind.version;
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * `/api/v1` or `/apis/<group>/<version>`. A group-version the registry does not serve gets an
 * empty list; the router answers 404 for those before asking.
 */
export function apiResourceList(registry: Registry, group: string, version: string): APIResourceList {
  const types = registry.inGroupVersion(group, version);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: sortedResources(types).flatMap((t) => resourceEntries(t, !registry.isReview(t))),
  };
}
