// The pod predicates the workload controllers count with, after kube's podutil
// (IsPodReady, IsPodAvailable) and controller.IsPodActive.
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { Pod } from './types.ts';

function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function podReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became ready; undefined when it is not ready or the time is unknown. */
export function podReadySince(pod: Pod): number | undefined {
  if (!podReady(pod)) return undefined;
  const t = readyCondition(pod)?.lastTransitionTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Ready for strictly longer than minReadySeconds. A ready pod whose transition time is
 * unknown only counts when no wait is asked for, as in kube.
 */
export function podAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!podReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now.getTime();
}

/** Still counts toward replicas: not finished and not on its way out. */
export function isActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** Seconds until a ready-but-not-yet-available pod becomes available (kube requeues for this). */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  if (minReadySeconds <= 0 || podAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  // +1: availability needs strictly more than minReadySeconds, and requeues land on whole seconds.
  return Math.max(0, Math.ceil((since + minReadySeconds * 1000 - now.getTime()) / 1000)) + 1;
}
