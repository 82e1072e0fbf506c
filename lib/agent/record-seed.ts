// The container records a pod worker starts from. A pod seen for the first time by this
// agent process may already have a status (the agent restarted): restart counts and last
// terminations carry over, containers that had terminated stay terminated (so a finished
// pod stays finished), and anything that was running will run again as a new instance.
import type { ContainerStateTerminated, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { newRecord, type ContainerRecord, type Terminated } from './container-record.ts';

function ms(time: string | undefined, fallback: number): number {
  const t = time ? Date.parse(time) : NaN;
  return Number.isNaN(t) ? fallback : t;
}

function terminatedFrom(t: ContainerStateTerminated, nowMs: number): Terminated {
  const out: Terminated = {
    exitCode: t.exitCode,
    reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
    startedAtMs: ms(t.startedAt, nowMs),
    finishedAtMs: ms(t.finishedAt, nowMs),
    containerId: t.containerID ?? '',
  };
  if (t.message) out.message = t.message;
  return out;
}

function seedOne(name: string, init: boolean, defaultReason: string, stored: ContainerStatus | undefined, nowMs: number): ContainerRecord {
  const record = newRecord(name, init, defaultReason);
  if (!stored) return record;
  const ran = Boolean(stored.state?.running || stored.state?.terminated || stored.lastState?.terminated);
  record.instances = (stored.restartCount ?? 0) + (ran ? 1 : 0);
  if (stored.lastState?.terminated) record.last = terminatedFrom(stored.lastState.terminated, nowMs);
  if (stored.state?.terminated) record.state = { kind: 'terminated', ...terminatedFrom(stored.state.terminated, nowMs) };
  return record;
}

export function seedRecords(pod: Pod, nowMs: number): Map<string, ContainerRecord> {
  const init = pod.spec?.initContainers ?? [];
  const defaultReason = init.length ? 'PodInitializing' : 'ContainerCreating';
  const records = new Map<string, ContainerRecord>();
  const find = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  for (const c of init) records.set(c.name, seedOne(c.name, true, defaultReason, find(pod.status?.initContainerStatuses, c.name), nowMs));
  for (const c of pod.spec?.containers ?? []) records.set(c.name, seedOne(c.name, false, defaultReason, find(pod.status?.containerStatuses, c.name), nowMs));
  return records;
}
