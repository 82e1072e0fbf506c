// Server-side-apply topology markers (`+listType`, `+listMapKey`, `+mapType`, `+structType`)
// that kube publishes as x-kubernetes-list-type / -list-map-keys / -map-type. client-node
// does not carry them, so they are transcribed here from k8s.io/api and apimachinery v0.32
// for the models the served kinds reach (core/v1, apps/v1, meta/v1). Models missing here
// simply publish no marker, which clients read as kube's defaults.

export type ListType = 'atomic' | 'set' | { mapKeys: readonly string[] };
export type FieldTopology = ListType | { mapType: 'atomic' | 'granular' };

const map = (...keys: string[]): ListType => ({ mapKeys: keys });
const A = 'atomic';

const FIELD_TOPOLOGY: Readonly<Record<string, Readonly<Record<string, FieldTopology>>>> = {
  V1Capabilities: { add: A, drop: A },
  V1CephFSVolumeSource: { monitors: A },
  V1ConfigMapProjection: { items: A },
  V1ConfigMapVolumeSource: { items: A },
  V1Container: {
    command: A, args: A, ports: map('containerPort', 'protocol'), envFrom: A, env: map('name'),
    resizePolicy: A, volumeMounts: map('mountPath'), volumeDevices: map('devicePath'),
  },
  V1ContainerImage: { names: A },
  V1ContainerStatus: { volumeMounts: map('mountPath'), allocatedResourcesStatus: map('name') },
  V1DeleteOptions: { dryRun: A },
  V1DeploymentStatus: { conditions: map('type') },
  V1DownwardAPIProjection: { items: A },
  V1DownwardAPIVolumeSource: { items: A },
  V1EndpointSubset: { addresses: A, notReadyAddresses: A, ports: A },
  V1Endpoints: { subsets: A },
  V1EphemeralContainer: {
    command: A, args: A, ports: map('containerPort', 'protocol'), envFrom: A, env: map('name'),
    resizePolicy: A, volumeMounts: map('mountPath'), volumeDevices: map('devicePath'),
  },
  V1ExecAction: { command: A },
  V1FCVolumeSource: { targetWWNs: A, wwids: A },
  V1HTTPGetAction: { httpHeaders: A },
  V1HostAlias: { hostnames: A },
  V1ISCSIVolumeSource: { portals: A },
  V1LabelSelector: { matchExpressions: A },
  V1LabelSelectorRequirement: { values: A },
  V1LinuxContainerUser: { supplementalGroups: A },
  V1LoadBalancerIngress: { ports: A },
  V1LoadBalancerStatus: { ingress: A },
  V1NamespaceSpec: { finalizers: A },
  V1NamespaceStatus: { conditions: map('type') },
  V1NodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: A },
  V1NodeSelector: { nodeSelectorTerms: A },
  V1NodeSelectorRequirement: { values: A },
  V1NodeSelectorTerm: { matchExpressions: A, matchFields: A },
  V1NodeSpec: { podCIDRs: 'set', taints: A },
  V1NodeStatus: {
    conditions: map('type'), addresses: map('type'), images: A, volumesInUse: A, volumesAttached: A,
    runtimeHandlers: A,
  },
  V1ObjectMeta: { ownerReferences: map('uid'), finalizers: 'set', managedFields: A },
  V1PersistentVolumeClaimSpec: { accessModes: A },
  V1PodAffinity: { requiredDuringSchedulingIgnoredDuringExecution: A, preferredDuringSchedulingIgnoredDuringExecution: A },
  V1PodAffinityTerm: { namespaces: A, matchLabelKeys: A, mismatchLabelKeys: A },
  V1PodAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: A, preferredDuringSchedulingIgnoredDuringExecution: A },
  V1PodDNSConfig: { nameservers: A, searches: A, options: A },
  V1PodSecurityContext: { supplementalGroups: A, sysctls: A },
  V1PodSpec: {
    volumes: map('name'), initContainers: map('name'), containers: map('name'), ephemeralContainers: map('name'),
    nodeSelector: { mapType: 'atomic' }, imagePullSecrets: map('name'), tolerations: A, hostAliases: map('ip'),
    readinessGates: A, topologySpreadConstraints: map('topologyKey', 'whenUnsatisfiable'),
    schedulingGates: map('name'), resourceClaims: map('name'),
  },
  V1PodStatus: {
    conditions: map('type'), hostIPs: A, podIPs: map('ip'), initContainerStatuses: A, containerStatuses: A,
    ephemeralContainerStatuses: A, resourceClaimStatuses: map('name'),
  },
  V1ProjectedVolumeSource: { sources: A },
  V1RBDVolumeSource: { monitors: A },
  V1ReplicaSetStatus: { conditions: map('type') },
  V1ResourceRequirements: { claims: map('name') },
  V1ResourceStatus: { resources: map('resourceID') },
  V1SecretProjection: { items: A },
  V1SecretVolumeSource: { items: A },
  V1ServiceAccount: { secrets: map('name'), imagePullSecrets: A },
  V1ServiceSpec: {
    ports: map('port', 'protocol'), selector: { mapType: 'atomic' }, clusterIPs: A, externalIPs: A,
    loadBalancerSourceRanges: A, ipFamilies: A,
  },
  V1ServiceStatus: { conditions: map('type') },
  V1StatusDetails: { causes: A },
  V1TopologySpreadConstraint: { matchLabelKeys: A },
};

// Structs replaced as a whole by server-side apply (`+structType=atomic`).
const ATOMIC_STRUCTS: ReadonlySet<string> = new Set([
  'V1ConfigMapKeySelector', 'V1EndpointAddress', 'CoreV1EndpointPort', 'V1LabelSelector',
  'V1LocalObjectReference', 'V1NodeSelector', 'V1NodeSelectorTerm', 'V1ObjectFieldSelector',
  'V1ObjectReference', 'V1OwnerReference', 'V1ResourceFieldSelector', 'V1SecretKeySelector',
  'V1TypedLocalObjectReference',
]);

export function fieldTopology(model: string, field: string): FieldTopology | undefined {
  const fields = FIELD_TOPOLOGY[model];
  return fields && Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
}

export function isAtomicStruct(model: string): boolean {
  return ATOMIC_STRUCTS.has(model);
}
