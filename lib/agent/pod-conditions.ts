// The conditions kubelet owns (PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled), in kubelet's order and words. A condition keeps its
// lastTransitionTime while its status stays the same, as kubelet's status manager does.
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import type { PodPhase } from './pod-phase.ts';

export const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

type Draft = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

/** Go prints a []string with %s as "[a b]". */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function notReady(type: string, unknown: string[], unready: string[], unreadyWord: string, reason: string): Draft | undefined {
  const parts: string[] = [];
  if (unknown.length) parts.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) parts.push(`containers with ${unreadyWord} status: ${goList(unready)}`);
  return parts.length ? { type, status: 'False', reason, message: parts.join(', ') } : undefined;
}

function partition(names: readonly string[], byName: ReadonlyMap<string, ContainerStatus>, ok: (s: ContainerStatus) => boolean) {
  const unknown: string[] = [];
  const failing: string[] = [];
  for (const n of names) {
    const s = byName.get(n);
    if (!s) unknown.push(n);
    else if (!ok(s)) failing.push(n);
  }
  return { unknown, failing };
}

export function containersReady(containers: readonly string[], byName: ReadonlyMap<string, ContainerStatus>, phase: PodPhase): Draft {
  const type = 'ContainersReady';
  const { unknown, failing } = partition(containers, byName, (s) => s.ready);
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type, status: 'False', reason: 'PodFailed' };
  return notReady(type, unknown, failing, 'unready', 'ContainersNotReady') ?? { type, status: 'True' };
}

export function initialized(init: readonly string[], containers: readonly string[], byName: ReadonlyMap<string, ContainerStatus>, phase: PodPhase): Draft {
  const type = 'Initialized';
  const { unknown, failing } = partition(init, byName, (s) => s.ready);
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'True', reason: 'PodCompleted' };
  // Once a regular container has started the pod was initialized, whatever init does now.
  if (containers.some((n) => byName.get(n)?.started || byName.get(n)?.state?.terminated || byName.get(n)?.lastState?.terminated)) {
    return { type, status: 'True' };
  }
  return notReady(type, unknown, failing, 'incomplete', 'ContainersNotInitialized') ?? { type, status: 'True' };
}

export interface ConditionsInput {
  initContainers: readonly string[];
  containers: readonly string[];
  statuses: readonly ContainerStatus[];
  phase: PodPhase;
  /** The pod's sandbox (working directory, network) exists. */
  sandboxReady: boolean;
  previous: readonly PodCondition[];
  now: string;
}

/** kubelet's conditions, followed by any the kubelet does not own (kept as they are). */
export function podConditions(input: ConditionsInput): PodCondition[] {
  const byName = new Map(input.statuses.map((s) => [s.name, s]));
  const ready = containersReady(input.containers, byName, input.phase);
  const drafts: Draft[] = [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initialized(input.initContainers, input.containers, byName, input.phase),
    { ...ready, type: 'Ready' },
    ready,
    { type: 'PodScheduled', status: 'True' },
  ];
  const kept = input.previous.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  return [...kept, ...drafts.map((d) => withTimes(d, input.previous, input.now))];
}

function withTimes(draft: Draft, previous: readonly PodCondition[], now: string): PodCondition {
  const before = previous.find((c) => c.type === draft.type);
  const since = before && before.status === draft.status && before.lastTransitionTime ? before.lastTransitionTime : now;
  const out: PodCondition = { type: draft.type, status: draft.status, lastTransitionTime: since };
  if (draft.reason) out.reason = draft.reason;
  if (draft.message) out.message = draft.message;
  return out;
}

/**
 * True when another writer changed a condition the agent owns after the agent reported it
 * (the node lifecycle controller marking the pods of an unreachable node not ready): the
 * agent must report again, as kubelet's status manager reconciles the API with its cache.
 * Only a later transition counts: a pod read from before our own write landed is stale,
 * not changed, and re-sending for it would only repeat the write.
 */
export function ownConditionsDrifted(stored: readonly PodCondition[] | undefined, reported: readonly PodCondition[] | undefined): boolean {
  const storedByType = new Map((stored ?? []).map((c) => [c.type, c]));
  return (reported ?? []).some((mine) => {
    const theirs = storedByType.get(mine.type);
    if (!KUBELET_CONDITIONS.has(mine.type) || !theirs || theirs.status === mine.status) return false;
    return Date.parse(theirs.lastTransitionTime ?? '') > Date.parse(mine.lastTransitionTime ?? '');
  });
}
