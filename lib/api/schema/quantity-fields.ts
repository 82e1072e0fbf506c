// Fields whose Go type is resource.Quantity (or ResourceList, a map of them). client-node
// types these as plain strings, but the wire format also accepts JSON numbers
// (`cpu: 1` in YAML), and the OpenAPI document must reference kube's Quantity schema.
// Transcribed from the `resource.Quantity` / `ResourceList` fields of k8s.io/api (GA
// versions, plus autoscaling/v2 metrics); keyed by client-node model name, JSON field names.

export const QUANTITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // core/v1
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1ContainerStatus: ['allocatedResources'],
  V1PodSpec: ['overhead'],
  V1NodeStatus: ['capacity', 'allocatable'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1ResourceFieldSelector: ['divisor'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PersistentVolumeClaimStatus: ['capacity', 'allocatedResources'],
  V1LimitRangeItem: ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  // node.k8s.io/v1, storage.k8s.io/v1
  V1Overhead: ['podFixed'],
  V1CSIStorageCapacity: ['capacity', 'maximumVolumeSize'],
  // autoscaling/v2
  V2MetricTarget: ['value', 'averageValue'],
  V2MetricValueStatus: ['value', 'averageValue'],
  // resource.k8s.io/v1
  V1DeviceCapacity: ['value'],
  V1Counter: ['value'],
  V1CapacityRequestPolicy: ['default'],
  V1CapacityRequestPolicyRange: ['min', 'max', 'step'],
  V1CapacityRequirements: ['requests'],
  V1DeviceRequestAllocationResult: ['consumedCapacity'],
};

const lookup = new Map<string, ReadonlySet<string>>(
  Object.entries(QUANTITY_FIELDS).map(([model, fields]) => [model, new Set(fields)]),
);

/** Whether `field` (its JSON name) of client-node model `model` holds Quantities. */
export function isQuantityField(model: string, field: string): boolean {
  return lookup.get(model)?.has(field) ?? false;
}
