// The `kubernetes` Service in `default`, which every cluster has so that pods can find the
// apiserver: the range's first address (kept out of dynamic allocation by service-cidr.ts),
// port `https` 443 to the apiserver's port, no selector, with an Endpoints and an
// EndpointSlice of the same name listing the apiserver's addresses (kube-apiserver's
// kubernetesservice controller and endpoints adapter). Pure: what the three objects should
// be, and which write brings an existing one there.
import { isIP } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../storage/object-store.ts';
import { specialIpError } from './kinds/endpoints.ts';
import { ipAt, type ServiceCidr } from './clusterip/service-cidr.ts';

export const KUBERNETES_SERVICE = { namespace: 'default', name: 'kubernetes' } as const;
const PORT_NAME = 'https';
const SERVICE_PORT = 443;

export interface ApiserverEndpoint {
  /** Where the apiserver listens (its secure port). */
  port: number;
  /** Its addresses as clients see them; none for a function URL. */
  addresses: readonly string[];
}

/**
 * The addresses an Endpoints may list. A loopback address (what `skiff up` serves on) is
 * refused by the Endpoints kinds as kube refuses it, and kube-apiserver never advertises
 * one (it picks the host's interface instead), so it is left out rather than stored.
 */
export function advertisedAddresses(addresses: readonly string[]): string[] {
  return [...new Set(addresses.filter((ip) => isIP(ip) === 4 && specialIpError(ip) === undefined))].sort();
}

export function kubernetesService(cidr: ServiceCidr, endpoint: ApiserverEndpoint): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { ...KUBERNETES_SERVICE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP', clusterIP: ipAt(cidr, 1), sessionAffinity: 'None',
      ports: [{ name: PORT_NAME, port: SERVICE_PORT, protocol: 'TCP', targetPort: endpoint.port }],
    },
  };
}

export function kubernetesEndpoints(endpoint: ApiserverEndpoint): KubeObject {
  const addresses = advertisedAddresses(endpoint.addresses);
  return {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { ...KUBERNETES_SERVICE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    // A subset must have an address, so an apiserver without one has no subsets at all.
    subsets: addresses.length ? [{ addresses: addresses.map((ip) => ({ ip })), ports: [{ name: PORT_NAME, port: endpoint.port, protocol: 'TCP' }] }] : [],
  };
}

export function kubernetesEndpointSlice(endpoint: ApiserverEndpoint): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { ...KUBERNETES_SERVICE, labels: { 'kubernetes.io/service-name': KUBERNETES_SERVICE.name } },
    addressType: 'IPv4',
    endpoints: advertisedAddresses(endpoint.addresses).map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: PORT_NAME, port: endpoint.port, protocol: 'TCP' }],
  };
}

export type BootstrapWrite = { verb: 'create' | 'update'; obj: KubeObject } | undefined;

type Json = Record<string, unknown>;
const specOf = (o: KubeObject): Json => (o['spec'] ?? {}) as Json;
const portsOf = (spec: Json) => ((spec['ports'] ?? []) as Json[]).map((p) => [p['name'] ?? '', p['port'], p['protocol'] ?? 'TCP', p['targetPort'] ?? p['port']]);

/** Only the type and ports are put right, as kube does; the rest is left to whoever edited it. */
export function planKubernetesService(existing: KubeObject | undefined, desired: KubeObject): BootstrapWrite {
  if (!existing) return { verb: 'create', obj: desired };
  const have = specOf(existing);
  const want = specOf(desired);
  if (have['type'] === want['type'] && isDeepStrictEqual(portsOf(have), portsOf(want))) return undefined;
  return { verb: 'update', obj: { ...existing, spec: { ...have, type: want['type'], ports: want['ports'] } } };
}

/** Labels and the listed fields are the apiserver's; any difference is written back. */
export function planKubernetesEndpoints(existing: KubeObject | undefined, desired: KubeObject, fields: readonly string[]): BootstrapWrite {
  if (!existing) return { verb: 'create', obj: desired };
  const same = isDeepStrictEqual(existing.metadata.labels ?? {}, desired.metadata.labels ?? {})
    && fields.every((f) => isDeepStrictEqual(existing[f] ?? [], desired[f] ?? []));
  if (same) return undefined;
  const obj: KubeObject = { ...existing, metadata: { ...existing.metadata, labels: desired.metadata.labels } };
  for (const f of fields) obj[f] = desired[f];
  return { verb: 'update', obj };
}
