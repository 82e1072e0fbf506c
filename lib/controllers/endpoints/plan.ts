// What a Service's Endpoints should hold, as a pure function of the Service and the pods
// of its namespace (after kube's endpoints controller, syncService): the pods its selector
// matches that have an IP and are not finished, ready ones as addresses and the rest as
// notReadyAddresses, with each Service port resolved against each pod.
import type { EndpointAddress, EndpointSubset, ServicePort } from 'kubernetes-types/core/v1';
import { goJsonRoundTrip } from '../../api/schema/go-json-round-trip.ts';
import { specialIpError } from '../../registry/kinds/endpoints.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { endpointPort, findPort } from './ports.ts';
import { repackSubsets, type AddressEntry } from './subsets.ts';

/** kube's v1.IsHeadlessService label, set on the Endpoints of a Service without a ClusterIP. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export type EndpointsPlan =
  /** No selector, or ExternalName: its Endpoints, if any, are someone else's. */
  | { action: 'leave-alone' }
  /** The Service is gone: so are its Endpoints. */
  | { action: 'delete' }
  | { action: 'apply'; labels: Record<string, string>; subsets: EndpointSubset[] };

interface ServiceSpecView {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

export function planEndpoints(service: KubeObject | undefined, pods: readonly KubeObject[]): EndpointsPlan {
  if (!service) return { action: 'delete' };
  const spec = specOf(service);
  if (spec.type === 'ExternalName' || !hasSelector(spec)) return { action: 'leave-alone' };
  const headless = spec.clusterIP === 'None';
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const servicePorts = spec.ports ?? [];
  const entries: AddressEntry[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== service.metadata.namespace || !selects(spec.selector, pod)) continue;
    if (!shouldBeInEndpoints(pod, publishNotReady)) continue;
    const address = podAddress(pod, service);
    if (!address) continue;
    const ready = publishNotReady || isPodReady(pod);
    if (headless && servicePorts.length === 0) {
      entries.push({ address, ready, ports: [] });
      continue;
    }
    // A port a pod does not serve (an unknown name) leaves that pod out of that port only.
    const ports = servicePorts.flatMap((sp) => {
      const port = findPort(pod, sp);
      return port === undefined ? [] : [endpointPort(sp, port)];
    });
    if (ports.length) entries.push({ address, ready, ports });
  }
  const labels = { ...(service.metadata.labels ?? {}) };
  // kube's IsServiceIPSet: a Service without an address yet is labelled headless too.
  if (headless || !spec.clusterIP) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  // Shaped as kube stores them (a port's empty name, a pointer left nil: absent).
  const subsets = repackSubsets(entries).map((subset) => goJsonRoundTrip('EndpointSubset', subset));
  return { action: 'apply', labels, subsets };
}

/** A Service selects pods only with a non-empty selector (an empty map reads back as none in kube). */
export function hasSelector<T extends { selector?: Record<string, string> }>(spec: T): spec is T & { selector: Record<string, string> } {
  return spec.selector !== undefined && spec.selector !== null && Object.keys(spec.selector).length > 0;
}

export function selects(selector: Record<string, string> | undefined, pod: KubeObject): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

/** kube's ShouldPodBeInEndpoints: not finished, has an IP, and not terminating unless the Service publishes those. */
export function shouldBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = statusOf(pod).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!podIPv4(pod)) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

export function isPodReady(pod: KubeObject): boolean {
  return (statusOf(pod).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The pod as an address: its IPv4 address (Services here are single-stack IPv4), node, and
 * a reference back to it, and its hostname when the pod declares itself part of the
 * Service (spec.subdomain), for the Service's DNS records. An address that the Endpoints kind refuses
 * (loopback, link-local) is left out, so one odd pod cannot block the whole object.
 */
function podAddress(pod: KubeObject, service: KubeObject): EndpointAddress | undefined {
  const ip = podIPv4(pod);
  if (!ip || specialIpError(ip)) return undefined;
  const spec = (pod['spec'] ?? {}) as { nodeName?: string; hostname?: string; subdomain?: string };
  const address: EndpointAddress = { ip };
  if (spec.hostname && spec.subdomain === service.metadata.name) address.hostname = spec.hostname;
  if (spec.nodeName) address.nodeName = spec.nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
  return address;
}

export function podIPv4(pod: KubeObject): string | undefined {
  const status = statusOf(pod);
  const candidates = [status.podIP, ...(status.podIPs ?? []).map((p) => p.ip)];
  return candidates.find((ip): ip is string => typeof ip === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
}

function specOf(service: KubeObject): ServiceSpecView {
  return (service['spec'] ?? {}) as ServiceSpecView;
}

function statusOf(pod: KubeObject): { phase?: string; podIP?: string; podIPs?: { ip?: string }[]; conditions?: { type?: string; status?: string }[] } {
  return (pod['status'] ?? {}) as never;
}
