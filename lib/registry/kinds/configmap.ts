import type { StatusCause } from '../../api/errors.ts';
import { invalidEach } from '../../api/validation/field.ts';
import { isConfigMapKey } from '../../api/validation/names.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { validateImmutableData } from './secret.ts';

/** Keys of data and binaryData share one namespace and must be valid file names. */
function validateConfigMap(obj: Record<string, unknown>): StatusCause[] {
  const causes: StatusCause[] = [];
  const data = (obj['data'] ?? {}) as Record<string, unknown>;
  const binary = (obj['binaryData'] ?? {}) as Record<string, unknown>;
  for (const [field, map] of [['data', data], ['binaryData', binary]] as const) {
    for (const key of Object.keys(map)) causes.push(...invalidEach(`${field}[${key}]`, key, isConfigMapKey(key)));
  }
  for (const key of Object.keys(binary)) {
    if (key in data) causes.push({ reason: 'FieldValueInvalid', field: `data[${key}]`, message: `Invalid value: "${key}": duplicate of key present in binaryData` });
  }
  return causes;
}

export const configMaps: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1ConfigMap',
    nameRule: 'dns1123-subdomain',
    validate: validateConfigMap,
    validateUpdate: (obj, old) => validateImmutableData(obj, old, ['data', 'binaryData']),
  },
};
