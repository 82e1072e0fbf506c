// Which EndpointSlices a Service should have, as a pure function of the Service, the pods
// of its namespace and the slices it already has (after kube's endpointslice controller:
// podToEndpoint, getEndpointPorts, setEndpointSliceLabels, the placeholder slice).
//
// Pods are grouped by the ports they resolve to (a named targetPort may be a different
// number on different pods), one slice per group, as kube does; unlike kube, a group is
// not split at 100 endpoints (the kind allows 1000). Names are deterministic,
// `<service>-<hash(service uid, port set)>`, so two passes that race create the same
// name and the loser gets AlreadyExists instead of a duplicate slice.
import type { ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { goJsonRoundTripBody } from '../../api/schema/go-json-round-trip.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { podNamePrefix, slotSuffix } from '../replicaset/pod-names.ts';
import { specialIpError } from '../../registry/kinds/endpoints.ts';
import { hasSelector, isPodReady, podIPv4, selects, shouldBeInEndpoints } from './plan.ts';
import { findPort } from './ports.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** kube labels the slices of a Service whose clusterIP is None. */
const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface SlicePlan {
  /** Slices to create or to bring to this content (labels, owner, endpoints, ports). */
  apply: KubeObject[];
  /** Our slices of this Service that should not exist. */
  delete: KubeObject[];
}

interface ServiceSpecView {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

/** A slice this controller owns for the named Service (kube's managed-by check). */
export function isManagedSliceOf(slice: KubeObject, serviceName: string): boolean {
  const labels = slice.metadata.labels ?? {};
  return labels[SERVICE_NAME_LABEL] === serviceName && labels[MANAGED_BY_LABEL] === CONTROLLER_NAME;
}

/** `existing` are the slices labelled for this Service; only our own are ever touched. */
export function planSlices(serviceName: string, service: KubeObject | undefined, pods: readonly KubeObject[], existing: readonly KubeObject[]): SlicePlan {
  const ours = existing.filter((s) => isManagedSliceOf(s, serviceName));
  const spec = (service?.['spec'] ?? {}) as ServiceSpecView;
  // Without a selector (or as ExternalName) a Service's slices are someone else's to write.
  if (!service || spec.type === 'ExternalName' || !hasSelector(spec)) return { apply: [], delete: ours };

  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    if (pod.metadata.namespace !== service.metadata.namespace || !selects(spec.selector, pod)) continue;
    // Slices, unlike Endpoints, keep terminating pods (conditions.terminating).
    if (!shouldBeInEndpoints(pod, true)) continue;
    // An address the kind refuses (a process-runtime pod's 127.0.0.1) would block the whole slice.
    const ip = podIPv4(pod);
    if (!ip || specialIpError(ip)) continue;
    const ports = endpointPorts(spec.ports ?? [], pod);
    const key = portsKey(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: [] }));
    group.endpoints.push(podEndpoint(pod, ip, service, spec));
  }
  // No endpoints at all: kube keeps one empty placeholder slice, so readers see the Service exists.
  if (groups.size === 0) groups.set(portsKey([]), { ports: [], endpoints: [] });

  const apply = [...groups.entries()].map(([key, g]) => slice(service, spec, key, g.ports, g.endpoints));
  const wanted = new Set(apply.map((s) => s.metadata.name));
  return { apply, delete: ours.filter((s) => !wanted.has(s.metadata.name)) };
}

/** kube's getEndpointPorts: each Service port the pod serves, with the number it resolves to. */
function endpointPorts(servicePorts: readonly ServicePort[], pod: KubeObject): EndpointPort[] {
  return servicePorts.flatMap((sp) => {
    const port = findPort(pod, sp);
    if (port === undefined) return [];
    const out: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) out.appProtocol = sp.appProtocol;
    return [out];
  });
}

function portsKey(ports: readonly EndpointPort[]): string {
  return ports.map((p) => `${p.name}/${p.port}/${p.protocol}/${p.appProtocol ?? ''}`).join(',');
}

/** kube's podToEndpoint: ready only when serving and not terminating (unless the Service publishes not-ready pods). */
function podEndpoint(pod: KubeObject, ip: string, service: KubeObject, spec: ServiceSpecView): Endpoint {
  const podSpec = (pod['spec'] ?? {}) as { nodeName?: string; hostname?: string; subdomain?: string };
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const endpoint: Endpoint = {
    addresses: [ip],
    conditions: { ready: spec.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
  };
  if (podSpec.nodeName) endpoint.nodeName = podSpec.nodeName;
  if (podSpec.hostname && podSpec.subdomain === service.metadata.name) endpoint.hostname = podSpec.hostname;
  return endpoint;
}

function slice(service: KubeObject, spec: ServiceSpecView, portsKeyText: string, ports: EndpointPort[], endpoints: Endpoint[]): KubeObject {
  const meta = service.metadata;
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  delete labels[HEADLESS_LABEL];
  labels[SERVICE_NAME_LABEL] = meta.name ?? '';
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  if (spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  const sorted = [...endpoints].sort((a, b) => compare(`${a.addresses[0]}/${a.targetRef?.uid}`, `${b.addresses[0]}/${b.targetRef?.uid}`));
  const out: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${podNamePrefix(`${meta.name}-`)}${slotSuffix(`${meta.uid}|${portsKeyText}`, 0)}`,
      namespace: meta.namespace,
      labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: meta.name ?? '', uid: meta.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: sorted,
    ports,
  };
  // As kube reads it back: the placeholder's empty lists are `null`, unset pointers absent.
  return goJsonRoundTripBody('EndpointSlice', out);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
