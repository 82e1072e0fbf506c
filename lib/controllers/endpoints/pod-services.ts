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

export function servicesForPod(
  podName: string, pod: KubeObject | undefined, services: readonly KubeObject[], endpoints: readonly KubeObject[], slices: readonly KubeObject[] = [],
): string[] {
  const names = new Set<string>();
  if (pod) {
    for (const svc of services) {
      const spec = (svc['spec'] ?? {}) as { type?: string; selector?: Record<string, string> };
      if (spec.type !== 'ExternalName' && hasSelector(spec) && selects(spec.selector, pod)) names.add(svc.metadata.name ?? '');
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
