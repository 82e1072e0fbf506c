import type { KubeObject } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';

/** New namespaces are Active and carry the finalizer the namespace controller clears. */
function defaultNamespace(obj: KubeObject): KubeObject {
  const spec = (obj['spec'] ?? {}) as { finalizers?: string[] };
  const labels = { ...(obj.metadata.labels ?? {}) };
  // kube-apiserver labels every namespace with its own name, so selectors can match it.
  if (obj.metadata.name) labels['kubernetes.io/metadata.name'] = obj.metadata.name;
  return { ...obj, metadata: { ...obj.metadata, labels }, spec: { ...spec, finalizers: spec.finalizers ?? ['kubernetes'] } };
}

export const namespaces: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  strategy: {
    modelName: 'V1Namespace',
    nameRule: 'dns1123-label',
    selectableFields: ['status.phase'],
    hasStatus: true,
    defaults: defaultNamespace,
    prepareForCreate: (obj) => ({ ...obj, status: { phase: 'Active' } }),
  },
};
