// kube's TaintToleration score: count the node's PreferNoSchedule taints the pod does not
// tolerate (only tolerations with that effect or no effect count), then normalise reversed
// so the node with the fewest scores highest.
import type { Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './node-info.ts';
import { defaultNormalize } from './normalize.ts';
import { nodeTaints } from './objects.ts';
import type { PodFacts } from './pod-facts.ts';
import { tolerationsTolerate } from './tolerations.ts';

export function taintPreferenceScores(facts: PodFacts, nodes: readonly NodeInfo[]): Map<string, number> {
  const tolerations: Toleration[] = facts.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  const raw = new Map<string, number>();
  for (const info of nodes) {
    const count = nodeTaints(info.node).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, t)).length;
    raw.set(info.name, count);
  }
  return defaultNormalize(raw, true);
}
