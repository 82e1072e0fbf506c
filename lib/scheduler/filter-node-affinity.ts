// kube's NodeAffinity filter: spec.nodeSelector and required node affinity both must match.
import type { NodeInfo } from './node-info.ts';
import { matchesRequiredAffinity } from './node-selector.ts';
import type { PodFacts } from './pod-facts.ts';
import { unresolvable } from './rejection.ts';
import type { Rejection } from './rejection.ts';

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

export function filterNodeAffinity(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  return matchesRequiredAffinity(facts.required, info.node) ? undefined : unresolvable('NodeAffinity', ERR_NODE_AFFINITY);
}
