// What the agent remembers about one container of a pod across its instances: the
// current state, the last termination, restarts, back-off and probe results. The pod
// worker mutates records; everything that decides or reports reads them.
import type { Container, ContainerStateTerminated, ContainerStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../core/clock.ts';
import type { BackoffEntry } from './backoff.ts';

export interface Terminated {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAtMs: number;
  finishedAtMs: number;
  containerId: string;
}

export type ContainerState =
  /** Not running and not being started: never started yet, a config error, or crash-loop back-off. */
  | { kind: 'waiting'; reason: string; message?: string }
  /** A start is in flight (resolving env, spawning, or the simulated delay). */
  | { kind: 'starting' }
  | { kind: 'running'; containerId: string; startedAtMs: number; stopping: boolean }
  | ({ kind: 'terminated' } & Terminated);

export interface ContainerRecord {
  name: string;
  init: boolean;
  state: ContainerState;
  last?: Terminated;
  /** Instances started so far (including ones the runtime could not run); the next one's index. */
  instances: number;
  backoff?: BackoffEntry;
  /** A start that failed before the runtime ran anything (missing ConfigMap) is retried after this. */
  retryAtMs?: number;
  /** Startup probe passed (or there is none) for the running instance. */
  started: boolean;
  /** Readiness probe passes (or there is none) for the running instance. */
  ready: boolean;
}

export function newRecord(name: string, init: boolean, waitingReason: string): ContainerRecord {
  return { name, init, state: { kind: 'waiting', reason: waitingReason }, instances: 0, started: false, ready: false };
}

export function restartCount(record: ContainerRecord): number {
  return Math.max(0, record.instances - 1);
}

/** The exit that a restart decision is about: the current termination, or the one a back-off waits on. */
export function lastExit(record: ContainerRecord): Terminated | undefined {
  if (record.state.kind === 'terminated') return record.state;
  if (record.state.kind === 'waiting' && record.state.reason === 'CrashLoopBackOff') return record.last;
  return undefined;
}

/** An instance exited: it is terminated (Completed or Error unless the runtime named a reason), and neither started nor ready. */
export function recordExit(record: ContainerRecord, containerId: string, exit: { exitCode: number; reason?: string; message?: string }, nowMs: number): void {
  const startedAtMs = record.state.kind === 'running' ? record.state.startedAtMs : nowMs;
  const reason = exit.reason ?? (exit.exitCode === 0 ? 'Completed' : 'Error');
  record.state = { kind: 'terminated', exitCode: exit.exitCode, reason, startedAtMs, finishedAtMs: nowMs, containerId };
  if (exit.message) record.state.message = exit.message;
  record.started = false;
  record.ready = false;
}

export function isActive(record: ContainerRecord): boolean {
  return record.state.kind === 'running' || record.state.kind === 'starting';
}

function terminatedStatus(t: Terminated): ContainerStateTerminated {
  const out: ContainerStateTerminated = {
    exitCode: t.exitCode,
    reason: t.reason,
    startedAt: rfc3339(new Date(t.startedAtMs)),
    finishedAt: rfc3339(new Date(t.finishedAtMs)),
    containerID: t.containerId,
  };
  if (t.signal !== undefined) out.signal = t.signal;
  if (t.message) out.message = t.message;
  return out;
}

/**
 * The API view of a record, as kubelet's convertToAPIContainerStatuses plus its prober
 * manager produce it: `ready` and `started` only for a running instance (an init container
 * is ready once it exited 0). A start in flight reads as kubelet's ContainerCreating.
 */
export function toContainerStatus(record: ContainerRecord, spec: Container, imageId: string): ContainerStatus {
  const s = record.state;
  let state: ContainerStatus['state'];
  let containerID: string | undefined;
  switch (s.kind) {
    case 'waiting':
      state = { waiting: s.message ? { reason: s.reason, message: s.message } : { reason: s.reason } };
      containerID = record.last?.containerId;
      break;
    case 'starting':
      state = { waiting: { reason: 'ContainerCreating' } };
      containerID = record.last?.containerId;
      break;
    case 'running':
      state = { running: { startedAt: rfc3339(new Date(s.startedAtMs)) } };
      containerID = s.containerId;
      break;
    case 'terminated':
      state = { terminated: terminatedStatus(s) };
      containerID = s.containerId;
      break;
  }
  const running = s.kind === 'running';
  const ready = record.init ? s.kind === 'terminated' && s.exitCode === 0 : running && record.started && record.ready;
  const status: ContainerStatus = {
    name: record.name,
    state,
    lastState: record.last ? { terminated: terminatedStatus(record.last) } : {},
    ready,
    restartCount: restartCount(record),
    image: spec.image ?? '',
    imageID: containerID ? imageId : '',
    started: running && record.started,
  };
  if (containerID) status.containerID = containerID;
  return status;
}
