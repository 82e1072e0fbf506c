// Maps client-node model names ("V1PodSpec") to the schema names kube-apiserver publishes
// ("io.k8s.api.core.v1.PodSpec"). client-node drops the Go package, so it is recovered:
// apimachinery's meta/v1 types are listed; a group prefix ("CoreV1Event") names its group;
// everything reachable from the core/v1 kinds is core; any other model belongs to the group
// of the kind it was reached from (DeploymentSpec from Deployment is apps).
import { modelInfo, modelNameParts } from '../../api/schema/model-fields.ts';
import type { FieldType } from '../../api/schema/field-type.ts';

/** Schemas with hand-written shapes that client-node has no model class for. */
export const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
export const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension';
export const FIELDS_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1';
export const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';

const META_PACKAGE = 'io.k8s.apimachinery.pkg.apis.meta';

// k8s.io/apimachinery/pkg/apis/meta/v1 types that client-node names like any v1 model.
const META_MODELS: ReadonlySet<string> = new Set([
  'V1ObjectMeta', 'V1ListMeta', 'V1LabelSelector', 'V1LabelSelectorRequirement', 'V1OwnerReference',
  'V1ManagedFieldsEntry', 'V1Status', 'V1StatusDetails', 'V1StatusCause', 'V1DeleteOptions',
  'V1Preconditions', 'V1Condition', 'V1APIResource', 'V1APIResourceList', 'V1APIGroup',
  'V1APIGroupList', 'V1APIVersions', 'V1GroupVersionForDiscovery', 'V1ServerAddressByClientCIDR',
  'V1WatchEvent', 'V1FieldSelectorRequirement',
]);

// The top-level core/v1 kinds; every model they reach (outside meta) lives in core/v1.
const CORE_ROOTS = [
  'V1Binding', 'V1ComponentStatus', 'V1ConfigMap', 'V1Endpoints', 'CoreV1Event', 'V1LimitRange',
  'V1Namespace', 'V1Node', 'V1PersistentVolume', 'V1PersistentVolumeClaim', 'V1Pod', 'V1PodTemplate',
  'V1ReplicationController', 'V1ResourceQuota', 'V1Secret', 'V1Service', 'V1ServiceAccount',
];

// Go packages whose path is not io.k8s.api.<first label of the group>.
const SPECIAL_PACKAGES: Readonly<Record<string, string>> = {
  '': 'io.k8s.api.core',
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
  'internal.apiserver.k8s.io': 'io.k8s.api.apiserverinternal',
};

// client-node's disambiguating prefixes ("Core" in CoreV1Event) → Go package path.
const PREFIX_PACKAGES: Readonly<Record<string, string>> = {
  Core: 'io.k8s.api.core',
  Apiextensions: SPECIAL_PACKAGES['apiextensions.k8s.io']!,
  Apiregistration: SPECIAL_PACKAGES['apiregistration.k8s.io']!,
};

/** The Go package path of an API group, e.g. "coordination.k8s.io" → "io.k8s.api.coordination". */
export function groupPackage(group: string): string {
  return SPECIAL_PACKAGES[group] ?? `io.k8s.api.${group.split('.')[0]}`;
}

/** Names of the models a field type refers to (through lists and maps). */
export function referencedModels(type: FieldType): string[] {
  switch (type.kind) {
    case 'array':
      return referencedModels(type.items);
    case 'map':
      return referencedModels(type.values);
    case 'model':
      return [type.name];
    default:
      return [];
  }
}

let coreModels: ReadonlySet<string> | undefined;

/** Every model reachable from the core/v1 kinds, excluding meta/v1 types. */
function coreClosure(): ReadonlySet<string> {
  if (coreModels) return coreModels;
  const seen = new Set<string>();
  const queue = [...CORE_ROOTS];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next) || META_MODELS.has(next)) continue;
    const info = modelInfo(next);
    if (!info) continue;
    seen.add(next);
    for (const type of info.fields.values()) queue.push(...referencedModels(type));
  }
  coreModels = seen;
  return seen;
}

/**
 * The kube schema name of a client-node model. `contextGroup` is the API group of the
 * kind whose schema led here; it decides only for models that are neither meta, core,
 * nor group-prefixed.
 */
export function definitionName(model: string, contextGroup: string): string {
  const { groupPrefix, version, kind } = modelNameParts(model);
  let pkg: string;
  if (META_MODELS.has(model)) pkg = META_PACKAGE;
  else if (groupPrefix !== undefined) pkg = PREFIX_PACKAGES[groupPrefix] ?? `io.k8s.api.${groupPrefix.toLowerCase()}`;
  else if (coreClosure().has(model)) pkg = 'io.k8s.api.core';
  else pkg = groupPackage(contextGroup);
  return version ? `${pkg}.${version}.${kind}` : `${pkg}.${kind}`;
}
