// How long a container gets to stop when its pod is deleted: the deletion's grace period,
// else the pod's terminationGracePeriodSeconds, else kube's default 30 s — never less than
// kubelet's minimum. Pure.
import type { Pod } from 'kubernetes-types/core/v1';

/** kubelet never gives a container less than this to stop (minimumGracePeriodInSeconds). */
export const MIN_GRACE_SECONDS = 2;

export function deletionGraceSeconds(pod: Pod): number {
  const grace = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(MIN_GRACE_SECONDS, grace);
}
