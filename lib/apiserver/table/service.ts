// `kubectl get services` and `get endpoints`: kube's printService and printEndpoints.
import type { EndpointSubset, Endpoints, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from './columns.ts';
import { formatLabels, joinHostPort } from './format.ts';
import { since } from './human-duration.ts';
import type { PrintedRow, Printer } from './types.ts';

const serviceColumns = Object.freeze([
  NAME_COLUMN,
  column(
    'Type',
    'string',
    'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  ),
  column(
    'Cluster-IP',
    'string',
    'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  ),
  column(
    'External-IP',
    'string',
    'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.',
  ),
  column('Port(s)', 'string', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
  AGE_COLUMN,
  wide(
    'Selector',
    'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
  ),
]);

/** Load-balancer ingress points, IP preferred over hostname, de-duplicated and sorted (kube uses a string set). */
function loadBalancerAddresses(svc: Service): string[] {
  const found = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    const addr = ing.ip || ing.hostname;
    if (addr) found.add(addr);
  }
  return [...found].sort();
}

/** kube's getServiceExternalIP, in its wide form (the apiserver never clips the LB list). */
function externalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc), ...externalIPs];
      // The cloud has not provisioned the balancer yet.
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** "80/TCP,443:30443/TCP": the node port appears only when one is allocated. */
function portsText(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
  return text || '<none>';
}

function serviceRow(obj: KubeObject, now: Date): PrintedRow {
  const svc = obj as unknown as Service;
  // clusterIPs[0] is the primary; clusterIP covers objects written before it was filled in.
  const clusterIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
  return {
    cells: [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIP,
      externalIP(svc),
      portsText(svc.spec?.ports),
      since(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ],
  };
}

const MAX_ENDPOINTS = 3;

/**
 * kube's formatEndpoints: the first three ready address:port pairs, then "+ N more...".
 * A subset without ports (a headless service with no ports) lists bare IPs.
 */
export function formatEndpoints(subsets: readonly EndpointSubset[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let total = 0;
  const offer = (text: string): void => {
    if (shown.length < MAX_ENDPOINTS) shown.push(text);
  };
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      total += addresses.length;
      for (const a of addresses) offer(a.ip);
      continue;
    }
    for (const port of ports) {
      total += addresses.length;
      for (const a of addresses) offer(joinHostPort(a.ip, port.port));
    }
  }
  const text = shown.join(',');
  return total > MAX_ENDPOINTS ? `${text} + ${total - MAX_ENDPOINTS} more...` : text;
}

const endpointsColumns = Object.freeze([
  NAME_COLUMN,
  column(
    'Endpoints',
    'string',
    'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.',
  ),
  AGE_COLUMN,
]);

function endpointsRow(obj: KubeObject, now: Date): PrintedRow {
  const ep = obj as unknown as Endpoints;
  return { cells: [ep.metadata?.name ?? '', formatEndpoints(ep.subsets), since(ep.metadata?.creationTimestamp, now)] };
}

export const servicePrinter: Printer = { columns: serviceColumns, row: serviceRow };
export const endpointsPrinter: Printer = { columns: endpointsColumns, row: endpointsRow };
