// Which Services a changed pod can affect: those whose selector matches its labels now,
// and those whose Endpoints list it now (it may have been deleted, relabeled, or have
// lost its IP — the Services that selected its old labels cannot be told from the key).
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { hasSelector, selects } from './plan.ts';

export function servicesForPod(podName: string, pod: KubeObject | undefined, services: readonly KubeObject[], endpoints: readonly KubeObject[]): string[] {
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
  names.delete('');
  return [...names].sort();
}

function listsPod(ep: KubeObject, podName: string): boolean {
  const subsets = (ep['subsets'] ?? []) as EndpointSubset[];
  return subsets.some((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a) => a.targetRef?.kind === 'Pod' && a.targetRef.name === podName));
}
