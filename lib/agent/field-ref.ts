// The downward API values an env var may take from its pod (fieldRef) and container
// (resourceFieldRef), as kubelet resolves them.
import type { Container, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { parseQuantity, toBase, toMilli } from '../api/quantity.ts';

export interface PodRuntimeFields {
  podIP?: string;
  hostIP: string;
}

/** metadata.labels / annotations as a whole: sorted `key="value"` lines, as kube's fieldpath formats maps. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/** undefined for a path kube does not support. */
export function fieldRefValue(path: string, pod: Pod, rt: PodRuntimeFields): string | undefined {
  const meta = pod.metadata ?? {};
  const sub = SUBSCRIPT.exec(path);
  if (sub) return (sub[1] === 'labels' ? meta.labels : meta.annotations)?.[sub[2]!] ?? '';
  switch (path) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'metadata.labels': return formatMap(meta.labels);
    case 'metadata.annotations': return formatMap(meta.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs': return rt.hostIP;
    case 'status.podIP':
    case 'status.podIPs': return rt.podIP ?? '';
    default: return undefined;
  }
}

/**
 * requests/limits of cpu, memory or ephemeral-storage divided by the divisor and rounded
 * up; an unset limit is the node's allocatable amount (kubelet's defaulting).
 */
export function resourceFieldValue(ref: ResourceFieldSelector, container: Container, allocatable: Record<string, string>): string | undefined {
  const [kind, resource] = ref.resource.split('.') as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !resource) return undefined;
  const set = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = set?.[resource] ?? (kind === 'limits' ? allocatable[resource] : undefined) ?? '0';
  const value = parseQuantity(raw);
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (resource === 'cpu') {
    const m = toMilli(value);
    const d = toMilli(divisor) || 1n;
    return String((m + d - 1n) / d);
  }
  const b = toBase(value);
  const d = toBase(divisor) || 1n;
  return String((b + d - 1n) / d);
}
