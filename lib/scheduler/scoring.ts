// Ranks the nodes that passed every filter: each score plugin yields 0..100 per node, and
// the total is the weighted sum with kube's default-profile weights (1.32). Plugins that
// skiff cannot evaluate (ImageLocality, InterPodAffinity) are left out; they add the same
// amount to every node when a pod uses neither, so the ranking is unchanged for such pods.
//
// Ties: every node with the highest total is returned, in name order; the caller picks
// among them (kube-scheduler picks at random, which keeps several schedulers working from
// similar views off each other's nodes).
import type { NodeInfo } from './node-info.ts';
import type { PodFacts } from './pod-facts.ts';
import { balancedAllocationScore, leastAllocatedScore } from './score-resources.ts';
import { nodeAffinityScores } from './score-node-affinity.ts';
import { spreadScores } from './score-spread.ts';
import type { SpreadCounter } from './score-spread.ts';
import { taintPreferenceScores } from './score-taints.ts';

export const SCORE_WEIGHTS = {
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  PodTopologySpread: 2,
  TaintToleration: 3,
  NodeAffinity: 2,
} as const;

/** Total weighted score per feasible node name. */
export function scoreNodes(
  facts: PodFacts,
  feasible: readonly NodeInfo[],
  all: readonly NodeInfo[],
  spread: SpreadCounter | undefined,
): Map<string, number> {
  const taints = taintPreferenceScores(facts, feasible);
  const affinity = nodeAffinityScores(facts, feasible);
  const spreading = spread ? spreadScores(facts, feasible, all, spread) : undefined;
  const totals = new Map<string, number>();
  for (const info of feasible) {
    let total = SCORE_WEIGHTS.NodeResourcesFit * leastAllocatedScore(facts, info);
    total += SCORE_WEIGHTS.NodeResourcesBalancedAllocation * balancedAllocationScore(facts, info);
    total += SCORE_WEIGHTS.TaintToleration * (taints.get(info.name) ?? 0);
    total += SCORE_WEIGHTS.NodeAffinity * (affinity?.get(info.name) ?? 0);
    total += SCORE_WEIGHTS.PodTopologySpread * (spreading?.get(info.name) ?? 0);
    totals.set(info.name, total);
  }
  return totals;
}

/** Every node with the highest total, in name order. Empty for an empty map. */
export function bestNodes(totals: ReadonlyMap<string, number>): string[] {
  let bestScore = -Infinity;
  let best: string[] = [];
  for (const [name, score] of totals) {
    if (score > bestScore) {
      bestScore = score;
      best = [name];
    } else if (score === bestScore) {
      best.push(name);
    }
  }
  return best.sort();
}
