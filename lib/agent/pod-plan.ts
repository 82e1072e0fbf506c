// What to do next for one pod, from its container records alone (kubelet's
// computePodActions): run init containers one at a time in order, then every regular
// container; restart exited ones per restartPolicy and back-off; stop everything once the
// pod is being deleted. Pure: the pod worker carries the actions out.
import type { BackoffConfig, BackoffEntry } from './backoff.ts';
import { isActive, lastExit, type ContainerRecord } from './container-record.ts';
import { decideRestart, type RestartPolicy } from './restart-policy.ts';

export type PodAction =
  | { type: 'start'; name: string; backoff?: BackoffEntry }
  | { type: 'backoff'; name: string; untilMs: number; message: string }
  | { type: 'stop'; name: string };

export interface PodPlan {
  actions: PodAction[];
  /** When the plan may change on its own (a back-off or a retry ends). */
  wakeAtMs?: number;
  /** Nothing is running or starting. */
  idle: boolean;
}

export interface PlanInput {
  initContainers: readonly string[];
  containers: readonly string[];
  records: ReadonlyMap<string, ContainerRecord>;
  restartPolicy: RestartPolicy;
  deleting: boolean;
  /** The pod already reached Succeeded or Failed: nothing runs again. */
  finished: boolean;
  nowMs: number;
  backoff: BackoffConfig;
  /** kubelet's "container=c pod=p_ns(uid)", for back-off messages. */
  who: (container: string) => string;
}

type Step = { actions: PodAction[]; wakeAtMs?: number; blocked: boolean };

/** One container's next step; `blocked` means later init containers must wait. */
function stepFor(record: ContainerRecord, input: PlanInput): Step {
  const { nowMs } = input;
  const s = record.state;
  if (s.kind === 'running' || s.kind === 'starting') return { actions: [], blocked: true };
  if (s.kind === 'terminated' && s.exitCode === 0 && record.init) return { actions: [], blocked: false };
  const exit = lastExit(record);
  if (!exit) {
    // Never ran, or its last start failed before anything ran: (re)try, respecting the retry time.
    if (record.retryAtMs !== undefined && nowMs < record.retryAtMs) return { actions: [], wakeAtMs: record.retryAtMs, blocked: true };
    return { actions: [{ type: 'start', name: record.name }], blocked: true };
  }
  const decision = decideRestart(input.restartPolicy, record.init, exit, record.backoff, nowMs, input.backoff, input.who(record.name));
  switch (decision.kind) {
    case 'stay':
      return { actions: [], blocked: true };
    case 'wait':
      return { actions: [{ type: 'backoff', name: record.name, untilMs: decision.untilMs, message: decision.message }], wakeAtMs: decision.untilMs, blocked: true };
    case 'restart':
      return { actions: [{ type: 'start', name: record.name, backoff: decision.backoff }], blocked: true };
  }
}

export function planPod(input: PlanInput): PodPlan {
  const records = [...input.initContainers, ...input.containers].map((n) => input.records.get(n)).filter((r): r is ContainerRecord => !!r);
  const idle = !records.some(isActive);
  if (input.deleting) {
    const actions: PodAction[] = [];
    for (const r of records) if (r.state.kind === 'running' && !r.state.stopping) actions.push({ type: 'stop', name: r.name });
    return { actions, idle };
  }
  if (input.finished) return { actions: [], idle };

  const actions: PodAction[] = [];
  let wakeAtMs: number | undefined;
  const take = (step: Step) => {
    actions.push(...step.actions);
    if (step.wakeAtMs !== undefined) wakeAtMs = Math.min(wakeAtMs ?? Infinity, step.wakeAtMs);
  };
  for (const name of input.initContainers) {
    const record = input.records.get(name);
    if (!record) continue;
    const step = stepFor(record, input);
    take(step);
    if (step.blocked) return { actions, wakeAtMs, idle };
  }
  for (const name of input.containers) {
    const record = input.records.get(name);
    if (record) take(stepFor(record, input));
  }
  return { actions, wakeAtMs, idle };
}
