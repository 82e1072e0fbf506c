// What each subresource looks like from outside: its verbs and the kind it speaks. Shared by
// discovery (both forms) and the OpenAPI paths so the three never disagree.
import type { ResourceType, Subresource, Verb } from '../../registry/resource-type.ts';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SubresourceInfo {
  name: Subresource;
  verbs: readonly Verb[];
  /** The kind sent and returned: the parent's own for status, autoscaling/v1 Scale, v1 Binding. */
  kind: GroupVersionKind;
  /** The client-node model of that kind. */
  modelName: string;
}

export function subresourceInfo(t: ResourceType, name: Subresource): SubresourceInfo {
  switch (name) {
    case 'status':
      return { name, verbs: ['get', 'patch', 'update'], kind: kindOf(t), modelName: t.strategy.modelName };
    case 'scale':
      return { name, verbs: ['get', 'patch', 'update'], kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, modelName: 'V1Scale' };
    case 'binding':
      return { name, verbs: ['create'], kind: { group: '', version: 'v1', kind: 'Binding' }, modelName: 'V1Binding' };
    case 'log':
      // kube lists pods/log as kind Pod with verb get (the body is text/plain); skiff's
      // node-only append (POST) is deliberately not advertised.
      return { name, verbs: ['get'], kind: kindOf(t), modelName: t.strategy.modelName };
  }
}

/** The subresources of a type, sorted by name as kube lists them. */
export function subresourcesOf(t: ResourceType): SubresourceInfo[] {
  return [...t.subresources].sort().map((s) => subresourceInfo(t, s));
}

export function kindOf(t: ResourceType): GroupVersionKind {
  return { group: t.group, version: t.version, kind: t.kind };
}

/** The resources of one group-version, sorted by name as kube lists them. */
export function sortedResources(types: readonly ResourceType[]): ResourceType[] {
  return [...types].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}
