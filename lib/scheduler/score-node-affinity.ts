// kube's NodeAffinity score: the summed weights of the preferred terms a node matches,
// normalised against the best node. A pod without preferences is not scored at all.
import type { NodeInfo } from './node-info.ts';
import { preferredAffinityScore } from './node-selector.ts';
import { defaultNormalize } from './normalize.ts';
import type { PodFacts } from './pod-facts.ts';

export function nodeAffinityScores(facts: PodFacts, nodes: readonly NodeInfo[]): Map<string, number> | undefined {
  if (facts.preferred.length === 0) return undefined;
  const raw = new Map<string, number>();
  for (const info of nodes) raw.set(info.name, preferredAffinityScore(facts.preferred, info.node));
  return defaultNormalize(raw, false);
}
