// kube's NodeUnschedulable filter: a cordoned node (spec.unschedulable) takes only pods
// that tolerate the node.kubernetes.io/unschedulable:NoSchedule taint (DaemonSet pods do).
import type { NodeInfo } from './node-info.ts';
import { UNSCHEDULABLE_TAINT_KEY } from './node-taints.ts';
import { nodeSpec } from './objects.ts';
import type { PodFacts } from './pod-facts.ts';
import { unresolvable } from './rejection.ts';
import type { Rejection } from './rejection.ts';
import { tolerationsTolerate } from './tolerations.ts';

export const ERR_UNSCHEDULABLE = 'node(s) were unschedulable';

export function filterUnschedulable(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  if (nodeSpec(info.node).unschedulable !== true) return undefined;
  if (tolerationsTolerate(facts.tolerations, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' })) return undefined;
  return unresolvable('NodeUnschedulable', ERR_UNSCHEDULABLE);
}
