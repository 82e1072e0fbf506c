// Which Services a changed pod can affect: those whose selector matches its labels now,
// and those whose Endpoints or EndpointSlices list it now (it may have been deleted,
// relabeled, or have lost its IP — the Services that selected its old labels cannot be
// told from the key). Slices matter on their own: they keep terminating pods, which the
// Endpoints have already dropped by the time the pod is finally deleted.
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { hasSelector, selects } from './plan.ts';
import { SERVICE_NAME_LABEL } from './slice-plan.ts';

/**
 * Whether any Service here keeps Endpoints from its selector. When none does, no pod
 * change can alter an Endpoints object the controller manages (a deleted Service's
 * leftovers are its own key's work), so the pod's key needs no further reads.
 */
export function anySelectingService(services: readonly KubeObject[]): boolean {
  return services.some((svc) => selectsPods(svc));
}

function selectsPods(svc: KubeObject): boolean {
  const spec = (svc['spec'] ?? {}) as { type?: string; selector?: Record<string, string> };
  return spec.type !== 'ExternalName' && hasSelector(spec);
}

export function servicesForPod(
  podName: string, pod: KubeObject | undefined, services: readonly KubeObject[], endpoints: readonly KubeObject[], slices: readonly KubeObject[] = [],
): string[] {
  const names = new Set<string>();
  if (pod) {
    for (const svc of services) {
      const selector = (svc['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
      if (selectsPods(svc) && selects(selector, pod)) names.add(svc.metadata.name ?? '');
    }
  }
  for (const ep of endpoints) {
    if (listsPod(ep, podName)) names.add(ep.metadata.name ?? '');
  }
  for (const slice of slices) {
    const endpointsOf = (slice['endpoints'] ?? []) as Endpoint[];
    if (endpointsOf.some((e) => e.targetRef?.kind === 'Pod' && e.targetRef.name === podName)) names.add(slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? '');
  }
  names.delete('');
  return [...names].sort();
}

function listsPod(ep: KubeObject, podName: string): boolean {
  const subsets = (ep['subsets'] ?? []) as EndpointSubset[];
  return subsets.some((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a) => a.targetRef?.kind === 'Pod' && a.targetRef.name === podName));
}
