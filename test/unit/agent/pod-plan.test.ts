import { describe, expect, it } from 'vitest';
import { newRecord, type ContainerRecord, type ContainerState } from '../../../lib/agent/container-record.ts';
import { planPod, type PlanInput } from '../../../lib/agent/pod-plan.ts';

function rec(name: string, init: boolean, state: ContainerState, extra: Partial<ContainerRecord> = {}): ContainerRecord {
  return { ...newRecord(name, init, 'PodInitializing'), state, ...extra };
}
const running: ContainerState = { kind: 'running', containerId: 'x://1', startedAtMs: 0, stopping: false };
const exited = (exitCode: number, finishedAtMs = 0): ContainerState => ({ kind: 'terminated', exitCode, reason: exitCode ? 'Error' : 'Completed', startedAtMs: 0, finishedAtMs, containerId: 'x://1' });
const waiting: ContainerState = { kind: 'waiting', reason: 'PodInitializing' };

function plan(records: ContainerRecord[], extra: Partial<PlanInput> = {}) {
  return planPod({
    initContainers: records.filter((r) => r.init).map((r) => r.name),
    containers: records.filter((r) => !r.init).map((r) => r.name),
    records: new Map(records.map((r) => [r.name, r])),
    restartPolicy: 'Always',
    deleting: false,
    finished: false,
    nowMs: 1000,
    backoff: { initialMs: 100, maxMs: 1000 },
    who: (c) => `container=${c}`,
    ...extra,
  });
}

describe('planPod', () => {
  it('starts the first init container only', () => {
    const p = plan([rec('i1', true, waiting), rec('i2', true, waiting), rec('c', false, waiting)]);
    expect(p.actions).toEqual([{ type: 'start', name: 'i1' }]);
  });

  it('waits for a running init container, then moves to the next', () => {
    expect(plan([rec('i1', true, running), rec('i2', true, waiting), rec('c', false, waiting)]).actions).toEqual([]);
    expect(plan([rec('i1', true, exited(0)), rec('i2', true, waiting), rec('c', false, waiting)]).actions).toEqual([{ type: 'start', name: 'i2' }]);
  });

  it('starts every regular container once init is done', () => {
    const p = plan([rec('i1', true, exited(0)), rec('a', false, waiting), rec('b', false, waiting)]);
    expect(p.actions).toEqual([{ type: 'start', name: 'a' }, { type: 'start', name: 'b' }]);
    expect(p.idle).toBe(true);
  });

  it('retries a failed init container unless the policy is Never', () => {
    const records = [rec('i1', true, exited(1, 900)), rec('c', false, waiting)];
    expect(plan(records).actions).toEqual([{ type: 'start', name: 'i1', backoff: { delayMs: 100, lastUpdateMs: 1000 } }]);
    expect(plan(records, { restartPolicy: 'Never' }).actions).toEqual([]);
  });

  it('holds a crashing container in back-off and wakes when it ends', () => {
    const r = rec('c', false, exited(1, 950), { backoff: { delayMs: 200, lastUpdateMs: 500 } });
    const p = plan([r]);
    expect(p.actions).toEqual([{ type: 'backoff', name: 'c', untilMs: 1150, message: 'back-off 200ms restarting failed container=c' }]);
    expect(p.wakeAtMs).toBe(1150);
    expect(plan([r], { nowMs: 1150 }).actions).toEqual([{ type: 'start', name: 'c', backoff: { delayMs: 400, lastUpdateMs: 1150 } }]);
  });

  it('keeps completed containers under OnFailure and Never', () => {
    expect(plan([rec('c', false, exited(0))], { restartPolicy: 'OnFailure' }).actions).toEqual([]);
    expect(plan([rec('c', false, exited(2))], { restartPolicy: 'Never' }).actions).toEqual([]);
  });

  it('retries a config error only after its retry time', () => {
    const r = rec('c', false, { kind: 'waiting', reason: 'CreateContainerConfigError', message: 'x' }, { retryAtMs: 2000 });
    expect(plan([r])).toMatchObject({ actions: [], wakeAtMs: 2000 });
    expect(plan([r], { nowMs: 2000 }).actions).toEqual([{ type: 'start', name: 'c' }]);
  });

  it('stops running containers when the pod is deleted, and starts nothing', () => {
    const p = plan([rec('a', false, running), rec('b', false, waiting), rec('c', false, { ...running, stopping: true })], { deleting: true });
    expect(p.actions).toEqual([{ type: 'stop', name: 'a' }]);
    expect(p.idle).toBe(false);
    expect(plan([rec('b', false, waiting), rec('c', false, exited(137))], { deleting: true })).toEqual({ actions: [], idle: true });
  });

  it('does nothing for a finished pod', () => {
    expect(plan([rec('c', false, exited(1))], { finished: true }).actions).toEqual([]);
  });
});
