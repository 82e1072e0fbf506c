// kube's NodeResourcesFit filter (fitsRequest, 1.32). Every shortfall is reported, so one
// node can contribute "Insufficient cpu" and "Insufficient memory" to the message at once.
// A resource the pod does not request is never checked, even on an overcommitted node;
// only the pod count is always checked.
import type { NodeInfo } from './node-info.ts';
import type { PodFacts } from './pod-facts.ts';
import type { Rejection } from './rejection.ts';
import type { Resources } from './resources.ts';

export const ERR_TOO_MANY_PODS = 'Too many pods';

/** The reasons `request` does not fit next to `requested` within `allocatable`; empty when it fits. */
export function insufficientResources(request: Resources, requested: Resources, allocatable: Resources): string[] {
  const reasons: string[] = [];
  if (requested.pods + 1n > allocatable.pods) reasons.push(ERR_TOO_MANY_PODS);
  if (request.milliCpu > 0n && request.milliCpu > allocatable.milliCpu - requested.milliCpu) reasons.push('Insufficient cpu');
  if (request.memory > 0n && request.memory > allocatable.memory - requested.memory) reasons.push('Insufficient memory');
  // Sorted so the reasons come out in one order every time (kube walks a Go map here).
  for (const name of Object.keys(request.scalar).sort()) {
    const want = request.scalar[name] ?? 0n;
    if (want === 0n) continue;
    if (want > (allocatable.scalar[name] ?? 0n) - (requested.scalar[name] ?? 0n)) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

export function filterResources(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  const reasons = insufficientResources(facts.fit, info.requested, info.allocatable);
  return reasons.length > 0 ? { plugin: 'NodeResourcesFit', reasons, resolvable: true } : undefined;
}
