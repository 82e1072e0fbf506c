// Patch strategies of ObjectMeta, PodSpec, PodStatus and PodTemplateSpec, transcribed from the
// `patchStrategy` / `patchMergeKey` tags of k8s.io/api core/v1 and apimachinery meta/v1 as of
// Kubernetes 1.32. Pod, Deployment and ReplicaSet share these objects so a container env
// patch behaves identically whichever of them it arrives through.
//
// Lists deliberately absent (no tag, so a patch replaces them): envFrom, command, args,
// tolerations, affinity terms, readinessGates, resources.claims, resizePolicy,
// container/initContainer/ephemeralContainer statuses, managedFields.
import type { PatchField } from './patch-schema.ts';

/** A list merged element-wise, keyed by `mergeKey` (omit it for a list of primitives). */
export function mergeList(mergeKey?: string, items?: PatchField): PatchField {
  const field: PatchField = { strategy: 'merge' };
  if (mergeKey !== undefined) field.mergeKey = mergeKey;
  if (items !== undefined) field.items = items;
  return field;
}

/** A list of conditions, merged by `type` (PodStatus, NodeStatus, DeploymentStatus, …). */
export const conditionsField: PatchField = mergeList('type');

export const objectMetaSchema: PatchField = {
  fields: {
    finalizers: mergeList(),
    ownerReferences: mergeList('uid'),
  },
};

// Container and EphemeralContainer (via EphemeralContainerCommon) carry identical tags.
export const containerSchema: PatchField = {
  fields: {
    ports: mergeList('containerPort'),
    env: mergeList('name'),
    volumeMounts: mergeList('mountPath'),
    volumeDevices: mergeList('devicePath'),
  },
};

export const podSpecSchema: PatchField = {
  fields: {
    // Volume inlines VolumeSource, a union: clients send $retainKeys for each element.
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: mergeList('name', containerSchema),
    containers: mergeList('name', containerSchema),
    ephemeralContainers: mergeList('name', containerSchema),
    imagePullSecrets: mergeList('name'),
    hostAliases: mergeList('ip'),
    topologySpreadConstraints: mergeList('topologyKey'),
    schedulingGates: mergeList('name'),
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
};

// ContainerStatus lists are themselves untagged (replaced), but their elements' own tags
// are kept so the description stays faithful if a caller patches into one.
const containerStatusSchema: PatchField = {
  fields: {
    volumeMounts: mergeList('mountPath'),
    allocatedResourcesStatus: mergeList('name'),
  },
};

export const podStatusSchema: PatchField = {
  fields: {
    conditions: conditionsField,
    hostIPs: mergeList('ip'),
    podIPs: mergeList('ip'),
    initContainerStatuses: { items: containerStatusSchema },
    containerStatuses: { items: containerStatusSchema },
    ephemeralContainerStatuses: { items: containerStatusSchema },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
};

export const podTemplateSpecSchema: PatchField = {
  fields: {
    metadata: objectMetaSchema,
    spec: podSpecSchema,
  },
};
