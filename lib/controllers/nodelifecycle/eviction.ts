// What happens to each pod bound to a node, after kube's taint eviction controller and
// the pod side of the node lifecycle controller (1.32). Pure.
//
// - A pod that does not tolerate every NoExecute taint of its node is evicted at once.
// - A pod that tolerates them all is evicted when the first toleration with
//   tolerationSeconds runs out; tolerations without tolerationSeconds tolerate forever,
//   and tolerationSeconds <= 0 means at once (kube's getMinTolerationTime).
// - Eviction adds the DisruptionTarget condition (reason DeletionByTaintManager) and
//   deletes the pod with its own grace period.
// - A pod already terminating on a node whose agent is silent will never be confirmed
//   by that agent, so once its grace period is over it is deleted for good (grace 0):
//   only then can its controller replace it.
// - On a node that is not Ready, a pod's Ready condition turns False (kube's
//   MarkPodsNotReady), so it stops receiving traffic before it is gone.
//
// kube counts a toleration from when its taint manager first saw the taint (in memory).
// Statelessly we count from the taint's timeAdded, or from the pod's creation when the
// pod came later; a NoExecute taint without timeAdded (added by hand) starts no clock,
// so it evicts only pods that do not tolerate it.
import type { PodCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { DEFAULT_TOLERATION_SECONDS } from '../../registry/kinds/pod.ts';
import { objects, podSpec, podStatus } from '../../scheduler/objects.ts';
import { toleratesTaint } from '../../scheduler/tolerations.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { parseTime } from './health.ts';
import { NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY } from './taints.ts';

export const DISRUPTION_REASON = 'DeletionByTaintManager';
export const DISRUPTION_MESSAGE = 'Taint manager: deleting due to NoExecute taint';

export interface PodAction {
  pod: KubeObject;
  /** The pod's new status.conditions, written before any delete; absent when unchanged. */
  conditions?: PodCondition[];
  /** evict: delete with the pod's grace period, and say so in an Event; force: grace 0. */
  delete?: 'evict' | 'force';
}

export interface PodPlanInput {
  /** The node's NoExecute taints, as they stand after this pass. */
  noExecute: readonly Taint[];
  /** The node's Ready status after this pass (undefined: never reported). */
  readyStatus: string | undefined;
  /** The node's agent has not been heard from for the grace period. */
  agentSilent: boolean;
  nowMs: number;
  /** RFC 3339 of nowMs, for condition timestamps. */
  now: string;
  /** Stands in for the admission default (300 s) of not-ready/unreachable tolerations. */
  defaultEvictionMs?: number;
}

/** When the pod must go: 'now', an epoch ms, or 'never'. */
export function evictionDue(pod: KubeObject, noExecute: readonly Taint[], defaultEvictionMs?: number): 'now' | 'never' | number {
  const tolerations = objects<Toleration>(podSpec(pod).tolerations);
  const createdMs = parseTime(pod.metadata.creationTimestamp) ?? 0;
  let due: number | undefined;
  for (const taint of noExecute) {
    const used = tolerations.find((t) => toleratesTaint(t, taint));
    if (!used) return 'now';
    const ms = toleratedMs(used, defaultEvictionMs);
    if (ms === undefined) continue;
    if (ms <= 0) return 'now';
    const added = parseTime(taint.timeAdded);
    if (added === undefined) continue;
    const at = Math.max(added, createdMs) + ms;
    due = due === undefined ? at : Math.min(due, at);
  }
  return due ?? 'never';
}

/** How long a toleration lasts; undefined is forever. */
function toleratedMs(t: Toleration, defaultEvictionMs: number | undefined): number | undefined {
  if (typeof t.tolerationSeconds !== 'number') return undefined;
  if (defaultEvictionMs !== undefined && isAdmissionDefault(t)) return defaultEvictionMs;
  return t.tolerationSeconds * 1000;
}

/** Exactly what the DefaultTolerationSeconds admission adds (lib/registry/kinds/pod.ts). */
function isAdmissionDefault(t: Toleration): boolean {
  return (t.key === NOT_READY_TAINT_KEY || t.key === UNREACHABLE_TAINT_KEY) && t.operator === 'Exists' && t.effect === 'NoExecute'
    && !t.value && t.tolerationSeconds === DEFAULT_TOLERATION_SECONDS;
}

/** kube's UpdatePodCondition: the transition time moves only when the status does. Undefined when nothing changes. */
export function withPodCondition(current: readonly PodCondition[], next: PodCondition, now: string): PodCondition[] | undefined {
  const i = current.findIndex((c) => c.type === next.type);
  const old = current[i];
  if (!old) return [...current, { ...next, lastTransitionTime: now }];
  const merged: PodCondition = { ...old, ...next, lastTransitionTime: old.status === next.status ? old.lastTransitionTime : now };
  if (old.status === merged.status && old.reason === merged.reason && old.message === merged.message) return undefined;
  return current.map((c, j) => (j === i ? merged : c));
}

/** Ready=False on a pod that reports Ready at all (kube only flips an existing condition). */
function notReady(conditions: readonly PodCondition[], now: string): PodCondition[] | undefined {
  const ready = conditions.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'False') return undefined;
  return withPodCondition(conditions, { ...ready, status: 'False' }, now);
}

export function planPod(pod: KubeObject, input: PodPlanInput): PodAction | undefined {
  const conditions = objects<PodCondition>(podStatus(pod).conditions);
  const nodeNotReady = input.readyStatus !== undefined && input.readyStatus !== 'True';
  const markNotReady = () => (nodeNotReady ? notReady(conditions, input.now) : undefined);

  const deletingAt = parseTime(pod.metadata.deletionTimestamp);
  if (pod.metadata.deletionTimestamp) {
    if (input.agentSilent && deletingAt !== undefined && input.nowMs >= deletingAt) return { pod, delete: 'force' };
    const marked = markNotReady();
    return marked ? { pod, conditions: marked } : undefined;
  }

  const due = input.noExecute.length ? evictionDue(pod, input.noExecute, input.defaultEvictionMs) : 'never';
  if (due === 'now' || (typeof due === 'number' && input.nowMs >= due)) {
    const base = markNotReady() ?? conditions;
    const disrupted = withPodCondition(base, { type: 'DisruptionTarget', status: 'True', reason: DISRUPTION_REASON, message: DISRUPTION_MESSAGE }, input.now);
    const changed = disrupted ?? (base === conditions ? undefined : base);
    return changed ? { pod, conditions: changed, delete: 'evict' } : { pod, delete: 'evict' };
  }
  const marked = markNotReady();
  return marked ? { pod, conditions: marked } : undefined;
}

/** Every pod's action; deletions first, since they matter most when a pass is cut short. */
export function planPods(pods: readonly KubeObject[], input: PodPlanInput): PodAction[] {
  const actions = pods.map((p) => planPod(p, input)).filter((a): a is PodAction => a !== undefined);
  return [...actions.filter((a) => a.delete), ...actions.filter((a) => !a.delete)];
}
