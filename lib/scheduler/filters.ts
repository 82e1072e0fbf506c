// The filter chain in kube-scheduler's default-profile order (1.32: NodeUnschedulable,
// NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, ...). Like kube's
// RunFilterPlugins, a node is judged by the FIRST filter that refuses it: a cordoned,
// tainted, full node is reported once, as unschedulable. The order is therefore part of
// the user-visible message, not an optimisation.
import { filterNodeAffinity } from './filter-node-affinity.ts';
import { filterPorts } from './filter-ports.ts';
import { filterResources } from './filter-resources.ts';
import { filterTaints } from './filter-taints.ts';
import { filterUnschedulable } from './filter-unschedulable.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodFacts } from './pod-facts.ts';
import type { Rejection } from './rejection.ts';

export type Filter = (facts: PodFacts, info: NodeInfo) => Rejection | undefined;

export const FILTERS: readonly Filter[] = [filterUnschedulable, filterTaints, filterNodeAffinity, filterPorts, filterResources];

/** Undefined when the pod fits the node; otherwise the first filter's rejection. */
export function runFilters(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  for (const filter of FILTERS) {
    const rejection = filter(facts, info);
    if (rejection) return rejection;
  }
  return undefined;
}

/** The checks that change as pods are bound: host ports and resources (pods, cpu, memory, extended). */
export function runCapacityFilters(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  return filterPorts(facts, info) ?? filterResources(facts, info);
}
