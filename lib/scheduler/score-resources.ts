// kube's default resource scores (1.32), both over cpu and memory with weight 1 each:
//
// - NodeResourcesFit, LeastAllocated: the share left free after placing the pod, averaged
//   over the resources. It reads the "non-zero" sums (100m/200Mi for unset requests), so
//   best-effort pods still spread out instead of all landing on the first empty-looking node.
// - NodeResourcesBalancedAllocation: 100 × (1 − standard deviation of the used fractions),
//   from the real requests; favours nodes whose cpu and memory fill at the same rate.
import type { NodeInfo } from './node-info.ts';
import { MAX_NODE_SCORE } from './normalize.ts';
import type { PodFacts } from './pod-facts.ts';

interface Pair {
  requested: bigint;
  allocatable: bigint;
}

export function leastAllocatedScore(facts: PodFacts, info: NodeInfo): number {
  const pairs: Pair[] = [
    { requested: info.nonZeroRequested.milliCpu + facts.score.milliCpu, allocatable: info.allocatable.milliCpu },
    { requested: info.nonZeroRequested.memory + facts.score.memory, allocatable: info.allocatable.memory },
  ];
  let total = 0n;
  let weights = 0n;
  for (const { requested, allocatable } of pairs) {
    // A resource the node does not offer at all is left out of the average, as in kube.
    if (allocatable <= 0n) continue;
    total += requested > allocatable ? 0n : ((allocatable - requested) * BigInt(MAX_NODE_SCORE)) / allocatable;
    weights += 1n;
  }
  return weights === 0n ? 0 : Number(total / weights);
}

export function balancedAllocationScore(facts: PodFacts, info: NodeInfo): number {
  const pairs: Pair[] = [
    { requested: info.requested.milliCpu + facts.fit.milliCpu, allocatable: info.allocatable.milliCpu },
    { requested: info.requested.memory + facts.fit.memory, allocatable: info.allocatable.memory },
  ];
  const fractions: number[] = [];
  for (const { requested, allocatable } of pairs) {
    if (allocatable <= 0n) continue;
    fractions.push(Math.min(1, Number(requested) / Number(allocatable)));
  }
  let std = 0;
  const [a, b] = fractions;
  if (fractions.length === 2 && a !== undefined && b !== undefined) {
    std = Math.abs((a - b) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((s, f) => s + f, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  // Go's int64(float64) truncates toward zero.
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
