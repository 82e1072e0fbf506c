// ReplicaSets (apps/v1), after kube's SetDefaults_ReplicaSet, ValidateReplicaSetSpec and
// pkg/registry/apps/replicaset. The Deployment controller creates these; users rarely do.
import type { StatusCause } from '../../api/errors.ts';
import { isObject } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { specChanged } from '../generic/generation.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { defaultReplicasAndTemplate, replicasScale, specOf, validateReplicaStatus, validateSelectorAndTemplate, validateSelectorImmutable } from './workload.ts';

function defaultReplicaSet(obj: KubeObject): KubeObject {
  const rs = structuredClone(obj);
  if (rs['spec'] === undefined || rs['spec'] === null) rs['spec'] = {};
  if (isObject(rs['spec'])) defaultReplicasAndTemplate(rs['spec']);
  return rs;
}

function validateReplicaSet(obj: KubeObject): StatusCause[] {
  return [
    ...validateSelectorAndTemplate(specOf(obj)),
    ...validateReplicaStatus(obj, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']),
  ];
}

export const replicaSets: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: ['status', 'scale'],
  strategy: {
    modelName: 'V1ReplicaSet',
    nameRule: 'dns1123-subdomain',
    hasStatus: true,
    defaults: defaultReplicaSet,
    // ReplicaSetStatus.replicas has no omitempty, so a new ReplicaSet shows replicas: 0.
    prepareForCreate: (obj) => ({ ...obj, status: { replicas: 0 } }),
    generation: specChanged,
    validate: validateReplicaSet,
    validateUpdate: validateSelectorImmutable,
    scale: replicasScale,
  },
};
