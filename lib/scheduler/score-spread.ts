// Spreading a workload's pods, as kube's PodTopologySpread scores a pod that declares no
// constraints of its own (the system defaults, 1.32): soft constraints on
// kubernetes.io/hostname (maxSkew 3) and topology.kubernetes.io/zone (maxSkew 5) over the
// pods of the same group. Per node:
//
//   raw = Σ round( count_in_domain × ln(domains + 2) + (maxSkew − 1) )
//   score = 100 × (max + min − raw) / max        (100 for every node when max is 0)
//
// so the node with the fewest siblings scores 100 and the skew is damped, not absolute.
//
// One deliberate difference: kube skips the hostname term on a node without the
// kubernetes.io/hostname label; here every node is its own hostname domain, so spreading
// still works when node agents do not set that label.
import type { KubeObject } from '../storage/object-store.ts';
import { matchesLabels } from '../api/selectors/label-selector.ts';
import type { LabelSelector } from '../api/selectors/label-selector.ts';
import type { NodeInfo } from './node-info.ts';
import { matchesRequiredAffinity } from './node-selector.ts';
import { MAX_NODE_SCORE } from './normalize.ts';
import { controllerKey, isTerminating, labelsOf } from './objects.ts';
import type { PodFacts } from './pod-facts.ts';

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
const HOSTNAME_MAX_SKEW = 3;
const ZONE_MAX_SKEW = 5;

/** How many of the pod's group already sit on a node. */
export type SpreadCounter = (info: NodeInfo) => number;

export interface SpreadOptions {
  /** Group key as controllerKey() makes it; defaults to the pod's own. */
  ownerKey?: string;
  /** Group sizes per node name, when the caller has them; wins over counting. */
  podsByOwnerPerNode?: ReadonlyMap<string, number>;
  /**
   * kube's exact grouping: pods of the namespace matching this selector (the union of the
   * selectors of the pod's Services and its ReplicaSet/StatefulSet/RC). Wins over ownerKey.
   */
  spreadSelector?: LabelSelector;
}

/** Terminating pods never count: they are on their way out (kube #87621). */
function countMatching(info: NodeInfo, matches: (pod: KubeObject) => boolean): number {
  return info.pods.filter((p) => !isTerminating(p) && matches(p)).length;
}

/** Undefined when the pod belongs to no group, which kube treats as "nothing to spread". */
export function spreadCounter(facts: PodFacts, opts: SpreadOptions): SpreadCounter | undefined {
  const explicit = opts.podsByOwnerPerNode;
  if (explicit) return (info) => explicit.get(info.name) ?? 0;
  const selector = opts.spreadSelector;
  if (selector) {
    if (selector.nothing || selector.requirements.length === 0) return undefined;
    return (info) => countMatching(info, (p) => (p.metadata?.namespace ?? '') === facts.namespace && matchesLabels(selector, labelsOf(p)));
  }
  const key = opts.ownerKey ?? controllerKey(facts.pod);
  if (key === undefined) return undefined;
  return (info) => countMatching(info, (p) => controllerKey(p) === key);
}

/** Normalised spreading scores for the feasible nodes; `all` supplies the zone totals. */
export function spreadScores(
  facts: PodFacts,
  feasible: readonly NodeInfo[],
  all: readonly NodeInfo[],
  count: SpreadCounter,
): Map<string, number> {
  // Zone domains are those of feasible nodes ("" for a node without the label, as in kube).
  const zoneCounts = new Map<string, number>();
  for (const info of feasible) zoneCounts.set(labelsOf(info.node)[ZONE_LABEL] ?? '', 0);
  // Siblings anywhere in a candidate zone count, on nodes the pod's nodeSelector/affinity
  // admits (the default nodeAffinityPolicy Honor; taints are ignored by default).
  for (const info of all) {
    const zone = labelsOf(info.node)[ZONE_LABEL] ?? '';
    const current = zoneCounts.get(zone);
    if (current === undefined || !matchesRequiredAffinity(facts.required, info.node)) continue;
    zoneCounts.set(zone, current + count(info));
  }
  const hostWeight = Math.log(feasible.length + 2);
  const zoneWeight = Math.log(zoneCounts.size + 2);

  const raw = new Map<string, number>();
  for (const info of feasible) {
    let score = count(info) * hostWeight + (HOSTNAME_MAX_SKEW - 1);
    const zone = labelsOf(info.node)[ZONE_LABEL];
    if (zone !== undefined) score += (zoneCounts.get(zone) ?? 0) * zoneWeight + (ZONE_MAX_SKEW - 1);
    raw.set(info.name, Math.round(score));
  }

  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const v of raw.values()) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const out = new Map<string, number>();
  for (const [name, v] of raw) out.set(name, max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - v)) / max));
  return out;
}
