// The pod phase from its container statuses, with kubelet's rules (getPhase): init
// containers still to succeed keep a pod Pending (or make it Failed under Never); then
// waiting containers mean Pending, running ones Running, and all-stopped ones Succeeded or
// Failed depending on exit codes and the restart policy. Restartable init containers
// (sidecars) are not supported by skiff's agent and are treated as ordinary init containers.
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { RestartPolicy } from './restart-policy.ts';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

interface Counts {
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
  unknown: number;
}

function countContainers(names: readonly string[], statuses: ReadonlyMap<string, ContainerStatus>): Counts {
  const c: Counts = { running: 0, waiting: 0, stopped: 0, succeeded: 0, unknown: 0 };
  for (const name of names) {
    const st = statuses.get(name)?.state;
    if (!st) c.unknown++;
    else if (st.running) c.running++;
    else if (st.terminated) {
      c.stopped++;
      if (st.terminated.exitCode === 0) c.succeeded++;
    } else if (st.waiting) {
      // A container waiting to restart has run before: it counts as stopped, not waiting.
      if (statuses.get(name)?.lastState?.terminated) c.stopped++;
      else c.waiting++;
    } else c.unknown++;
  }
  return c;
}

/** 'pending' while some init container has yet to succeed, 'failed' when one exited non-zero. */
function initProgress(names: readonly string[], statuses: ReadonlyMap<string, ContainerStatus>): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const name of names) {
    const status = statuses.get(name);
    const st = status?.state;
    if (st?.terminated) {
      if (st.terminated.exitCode !== 0) failed++;
    } else if (st?.waiting && status?.lastState?.terminated) {
      if (status.lastState.terminated.exitCode !== 0) failed++;
    } else {
      pending++;
    }
  }
  return { pending, failed };
}

export interface PhaseInput {
  initContainers: readonly string[];
  containers: readonly string[];
  initStatuses: readonly ContainerStatus[];
  statuses: readonly ContainerStatus[];
  restartPolicy: RestartPolicy;
  /** The pod is being torn down and nothing will restart (kubelet's podIsTerminal). */
  terminal: boolean;
}

export function podPhase(input: PhaseInput): PodPhase {
  const byName = new Map<string, ContainerStatus>();
  for (const s of [...input.initStatuses, ...input.statuses]) byName.set(s.name, s);
  const init = initProgress(input.initContainers, byName);
  const c = countContainers(input.containers, byName);
  if (init.failed > 0 && input.restartPolicy === 'Never') return 'Failed';
  const anyRegularStarted = input.containers.some((n) => {
    const s = byName.get(n);
    return Boolean(s?.state?.running || s?.state?.terminated || s?.lastState?.terminated);
  });
  if ((init.pending > 0 && !anyRegularStarted) || c.waiting > 0) return 'Pending';
  if (c.running > 0 && c.unknown === 0) return 'Running';
  if (c.running === 0 && c.stopped > 0 && c.unknown === 0) {
    if (input.terminal) return c.stopped === c.succeeded ? 'Succeeded' : 'Failed';
    if (input.restartPolicy === 'Always') return 'Running';
    if (c.stopped === c.succeeded) return 'Succeeded';
    return input.restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}
