// Aggregated discovery (apidiscovery.k8s.io/v2): all groups, versions and resources in one
// document per root, so kubectl needs two requests (/api, /apis) instead of one per
// group-version. Served only when the client asks for it in Accept, and recognised by the
// client purely from the response Content-Type.
import type { Registry } from '../../registry/registry.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import { kindOf, sortedResources, subresourcesOf, type GroupVersionKind } from './subresources.ts';
import { byPriority } from './version-priority.ts';

/** The exact Content-Type kubectl checks before parsing the body as aggregated discovery. */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current';
}

export interface APIGroupDiscovery {
  /** The core group's item has no name. */
  metadata: { name?: string };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

function resourceDiscovery(t: ResourceType): APIResourceDiscovery {
  const entry: APIResourceDiscovery = {
    resource: t.resource,
    responseKind: kindOf(t),
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: [...t.verbs],
  };
  if (t.shortNames?.length) entry.shortNames = [...t.shortNames];
  if (t.categories?.length) entry.categories = [...t.categories];
  const subs = subresourcesOf(t);
  if (subs.length > 0) {
    entry.subresources = subs.map((s) => ({ subresource: s.name, responseKind: { ...s.kind }, verbs: [...s.verbs] }));
  }
  return entry;
}

/** `/api` (which = 'core') or `/apis` (which = 'apis') as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: Registry, which: 'core' | 'apis'): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] = [];
  for (const { group, versions } of registry.groups()) {
    if ((group === '') !== (which === 'core')) continue;
    items.push({
      metadata: group === '' ? {} : { name: group },
      versions: byPriority(versions).map((version) => ({
        version,
        resources: sortedResources(registry.inGroupVersion(group, version)).map(resourceDiscovery),
        freshness: 'Current' as const,
      })),
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/**
 * Whether an Accept header asks for aggregated discovery v2, e.g. kubectl's
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,…,application/json`.
 * Parameter order, spacing and case of names are free; q=0 refuses.
 */
export function wantsAggregatedDiscovery(acceptHeader: string): boolean {
  for (const range of acceptHeader.split(',')) {
    const [mediaType, ...paramParts] = range.split(';').map((p) => p.trim());
    if (mediaType?.toLowerCase() !== 'application/json') continue;
    const params = new Map<string, string>();
    for (const part of paramParts) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    const q = params.get('q');
    if (q !== undefined && Number(q) === 0) continue;
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('v') === 'v2' && params.get('as') === 'APIGroupDiscoveryList') return true;
  }
  return false;
}
