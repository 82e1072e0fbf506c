// A node's taints as the scheduler should see them. In kube, readiness reaches the
// scheduler only as taints: the kubelet registers a node with not-ready:NoSchedule and the
// node lifecycle controller keeps not-ready / unreachable NoSchedule taints in step with the
// Ready condition (TaintNodesByCondition). skiff may not run that controller yet, so the
// taint is derived here from the condition whenever the node does not already carry it;
// users then see kube's own message, "node(s) had untolerated taint {node.kubernetes.io/not-ready: }".
import type { Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../storage/object-store.ts';
import { nodeConditions, nodeTaints } from './objects.ts';

export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/**
 * The readiness taint kube would have put on the node: Ready=False is not-ready, Ready=Unknown
 * is unreachable (the node stopped reporting), and no Ready condition at all is a node that
 * has not reported yet, which the kubelet registers as not-ready.
 */
export function readinessTaint(node: KubeObject): Taint | undefined {
  const ready = nodeConditions(node).find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return undefined;
  const key = ready?.status === 'Unknown' ? UNREACHABLE_TAINT_KEY : NOT_READY_TAINT_KEY;
  return { key, effect: 'NoSchedule' };
}

/** spec.taints, plus the readiness taint appended (as the controller appends it) when missing. */
export function effectiveTaints(node: KubeObject): Taint[] {
  const taints = nodeTaints(node);
  const derived = readinessTaint(node);
  if (derived && !taints.some((t) => t.key === derived.key && t.effect === derived.effect)) taints.push(derived);
  return taints;
}
