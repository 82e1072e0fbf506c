// kube's TaintToleration filter, over the node's effective taints (spec.taints plus the
// readiness taint derived from the Ready condition, see node-taints.ts).
import type { NodeInfo } from './node-info.ts';
import { effectiveTaints } from './node-taints.ts';
import type { PodFacts } from './pod-facts.ts';
import { unresolvable } from './rejection.ts';
import type { Rejection } from './rejection.ts';
import { firstUntoleratedTaint } from './tolerations.ts';

/** kube prints the taint as {key: value}; an absent value leaves "{key: }". */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export function filterTaints(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  const taint = firstUntoleratedTaint(effectiveTaints(info.node), facts.tolerations);
  return taint ? unresolvable('TaintToleration', untoleratedTaintReason(taint.key, taint.value)) : undefined;
}
