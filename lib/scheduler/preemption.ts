// The "preemption: ..." clause of an unschedulable pod's message. kube's DefaultPreemption
// (on in the default profile) runs after every failed attempt and reports why evicting
// lower-priority pods would not help; skiff does not preempt, but reproduces that verdict
// so the message reads as kube's does (kube 1.32 DefaultPreemption/Evaluator.Preempt):
//
// - preemptionPolicy: Never → "not eligible due to preemptionPolicy=Never."
// - a node refused for a reason eviction cannot change (taints, cordon, affinity) →
//   "Preemption is not helpful for scheduling"
// - otherwise, no pod of lower priority on the node → "No preemption victims found for incoming pod"
// - otherwise the node is re-filtered without those pods; if it still refuses, its reasons.
//
// If some node would fit after evictions, kube would preempt there and its message carries
// no preemption clause at all; undefined is returned for that case too.
import { runFilters } from './filters.ts';
import { formatFitError, reasonHistogram } from './fit-error.ts';
import { nodeInfoWithPods } from './node-info.ts';
import type { NodeInfo } from './node-info.ts';
import { podPriority } from './objects.ts';
import type { PodFacts } from './pod-facts.ts';
import type { Rejection } from './rejection.ts';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';

/** What the dry run concludes for one node the filters refused for a resolvable reason. */
function dryRun(facts: PodFacts, info: NodeInfo): Rejection | 'fits' {
  const remaining = info.pods.filter((p) => podPriority(p) >= facts.priority);
  if (remaining.length === info.pods.length) return { plugin: 'DefaultPreemption', reasons: [NO_VICTIMS], resolvable: false };
  return runFilters(facts, nodeInfoWithPods(info.node, remaining)) ?? 'fits';
}

/**
 * `rejections` holds the filter verdict for every node that was examined and refused.
 * Returns the clause including its "preemption: " prefix.
 */
export function preemptionMessage(facts: PodFacts, nodes: readonly NodeInfo[], rejections: ReadonlyMap<string, Rejection>): string | undefined {
  if (facts.preemptionPolicy === 'Never') return `preemption: ${NOT_ELIGIBLE_NEVER}`;
  const verdicts: Rejection[] = [];
  for (const info of nodes) {
    if (!rejections.get(info.name)?.resolvable) continue;
    const verdict = dryRun(facts, info);
    if (verdict === 'fits') return undefined;
    verdicts.push(verdict);
  }
  const reasons = reasonHistogram(verdicts, nodes.length - verdicts.length, NOT_HELPFUL);
  return `preemption: ${formatFitError({ numAllNodes: nodes.length, reasons })}`;
}
