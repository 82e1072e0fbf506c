// Taint/toleration matching, after k8s.io/api's Toleration.ToleratesTaint and
// component-helpers' FindMatchingUntoleratedTaint (1.32).
import type { Taint, Toleration } from 'kubernetes-types/core/v1';

/**
 * An empty effect tolerates every effect and an empty key every key (validation only allows
 * that with Exists). The operator defaults to Equal, which also compares values; an absent
 * value equals the empty one. Unknown operators tolerate nothing.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** The scheduler only refuses nodes for NoSchedule and NoExecute taints; PreferNoSchedule only scores. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** The first taint, in the node's order, that keeps the pod off the node; kube reports exactly this one. */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  return taints.find((taint) => isDoNotScheduleTaint(taint) && !tolerationsTolerate(tolerations, taint));
}
