// Owner references name an owner by apiVersion and kind; a work key needs its resource and
// scope. Kube's garbage collector asks a RESTMapper; routing is pure and must stay light
// (the registry's tables pull in the API schema), so the served kinds are listed here and
// a unit test checks this table against lib/registry/builtin.ts so the two cannot drift.
import type { GroupResource } from '../../api/errors.ts';

export interface OwnerKind extends GroupResource {
  kind: string;
  namespaced: boolean;
}

export const OWNER_KINDS: readonly OwnerKind[] = [
  { group: '', kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  { group: '', kind: 'Endpoints', resource: 'endpoints', namespaced: true },
  { group: '', kind: 'Namespace', resource: 'namespaces', namespaced: false },
  { group: '', kind: 'Node', resource: 'nodes', namespaced: false },
  { group: '', kind: 'Pod', resource: 'pods', namespaced: true },
  { group: '', kind: 'Secret', resource: 'secrets', namespaced: true },
  { group: '', kind: 'Service', resource: 'services', namespaced: true },
  { group: '', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true },
  { group: 'apps', kind: 'Deployment', resource: 'deployments', namespaced: true },
  { group: 'apps', kind: 'ReplicaSet', resource: 'replicasets', namespaced: true },
  { group: 'coordination.k8s.io', kind: 'Lease', resource: 'leases', namespaced: true },
  { group: 'discovery.k8s.io', kind: 'EndpointSlice', resource: 'endpointslices', namespaced: true },
];

export function ownerKind(group: string, kind: string): OwnerKind | undefined {
  return OWNER_KINDS.find((k) => k.group === group && k.kind === kind);
}
