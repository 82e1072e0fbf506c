// A small registry of hand-written ResourceType literals, so discovery and OpenAPI tests do
// not depend on the kind files under lib/registry/kinds/.
import { Registry } from '../../../lib/registry/registry.ts';
import { ALL_VERBS, type ResourceType } from '../../../lib/registry/resource-type.ts';

function type(fields: Omit<ResourceType, 'verbs' | 'subresources' | 'strategy'> & Partial<ResourceType> & { modelName: string }): ResourceType {
  const { modelName, ...rest } = fields;
  return {
    verbs: ALL_VERBS,
    subresources: [],
    strategy: { modelName, nameRule: 'dns1123-subdomain' },
    ...rest,
  };
}

export const pod = type({
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status', 'binding'],
  modelName: 'V1Pod',
});

export const namespace = type({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  modelName: 'V1Namespace',
});

export const configMap = type({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  modelName: 'V1ConfigMap',
});

export const deployment = type({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status', 'scale'],
  modelName: 'V1Deployment',
});

export const lease = type({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  singular: 'lease',
  namespaced: true,
  modelName: 'V1Lease',
});

export function fixtureRegistry(): Registry {
  return new Registry([pod, namespace, configMap, deployment, lease]);
}
