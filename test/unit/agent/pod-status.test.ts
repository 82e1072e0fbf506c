import { ownConditionsDrifted } from '../../../lib/agent/pod-conditions.ts';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newRecord, toContainerStatus, type ContainerRecord } from '../../../lib/agent/container-record.ts';
import { buildPodStatus } from '../../../lib/agent/pod-status.ts';
import { seedRecords } from '../../../lib/agent/record-seed.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const NOW = '2025-01-01T00:01:00Z';

function pod(extra: Partial<Pod['spec']> = {}, status: Pod['status'] = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
    spec: { nodeName: 'n1', containers: [{ name: 'b', image: 'img-b' }, { name: 'a', image: 'img-a' }], ...extra },
    status,
  };
}

function running(r: ContainerRecord, ready = true): ContainerRecord {
  return { ...r, instances: 1, state: { kind: 'running', containerId: `x://${r.name}`, startedAtMs: T0, stopping: false }, started: true, ready };
}

function build(p: Pod, records: ContainerRecord[], extra: { terminal?: boolean; podIP?: string } = {}) {
  return buildPodStatus({
    pod: p, records: new Map(records.map((r) => [r.name, r])), hostIP: '10.0.0.1', podIP: extra.podIP ?? '10.0.0.1',
    startTime: '2025-01-01T00:00:00Z', terminal: extra.terminal ?? false, imageId: () => 'sha', now: NOW,
  });
}

describe('container status', () => {
  it('shows a never-started container waiting, and no container id', () => {
    const s = toContainerStatus(newRecord('a', false, 'ContainerCreating'), { name: 'a', image: 'img' }, 'sha');
    expect(s).toEqual({ name: 'a', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'img', imageID: '', started: false });
  });

  it('shows a crash-looping container with its last termination and restarts', () => {
    const r: ContainerRecord = {
      ...newRecord('a', false, 'ContainerCreating'),
      instances: 3,
      state: { kind: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=a pod=p_ns(u1)' },
      last: { exitCode: 2, reason: 'Error', startedAtMs: T0, finishedAtMs: T0 + 1000, containerId: 'x://9' },
    };
    expect(toContainerStatus(r, { name: 'a', image: 'img' }, 'sha')).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:01Z', containerID: 'x://9' } },
      restartCount: 2,
      containerID: 'x://9',
      ready: false,
      started: false,
    });
  });

  it('marks an init container ready once it exited 0', () => {
    const r: ContainerRecord = { ...newRecord('i', true, 'PodInitializing'), instances: 1, state: { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAtMs: T0, finishedAtMs: T0, containerId: 'x://1' } };
    expect(toContainerStatus(r, { name: 'i' }, '')).toMatchObject({ ready: true, started: false });
  });
});

describe('buildPodStatus', () => {
  it('reports a Running, Ready pod with kubelet\'s conditions in kubelet\'s order', () => {
    const p = pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-12-31T00:00:00Z' }, { type: 'DisruptionTarget', status: 'False' }] });
    const status = build(p, [running(newRecord('a', false, 'ContainerCreating')), running(newRecord('b', false, 'ContainerCreating'))]);
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses?.map((s) => s.name)).toEqual(['a', 'b']);
    expect(status.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['DisruptionTarget', 'False'], ['PodReadyToStartContainers', 'True'], ['Initialized', 'True'], ['Ready', 'True'], ['ContainersReady', 'True'], ['PodScheduled', 'True'],
    ]);
    expect(status.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2024-12-31T00:00:00Z');
    expect(status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(NOW);
    expect(status).toMatchObject({ hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], startTime: '2025-01-01T00:00:00Z' });
    expect(status.initContainerStatuses).toBeUndefined();
  });

  it('explains what is not ready yet', () => {
    const p = pod({ initContainers: [{ name: 'init' }] });
    const status = build(p, [newRecord('init', true, 'PodInitializing'), newRecord('a', false, 'PodInitializing'), newRecord('b', false, 'PodInitializing')]);
    expect(status.phase).toBe('Pending');
    const byType = Object.fromEntries(status.conditions!.map((c) => [c.type, c]));
    expect(byType['Initialized']).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' });
    expect(byType['Ready']).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [b a]' }); // spec order, as kubelet lists them
    expect(byType['ContainersReady']).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(status.initContainerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('keeps a readiness-failing container out of Ready', () => {
    const status = build(pod(), [running(newRecord('a', false, 'ContainerCreating'), false), running(newRecord('b', false, 'ContainerCreating'))]);
    expect(status.phase).toBe('Running');
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [a]' });
  });

  it('ends a deleted pod in a terminal phase, and never leaves one', () => {
    const killed = (name: string, exitCode: number): ContainerRecord => ({
      ...newRecord(name, false, 'ContainerCreating'), instances: 1, state: { kind: 'terminated', exitCode, reason: 'Error', startedAtMs: T0, finishedAtMs: T0, containerId: 'x://1' },
    });
    const status = build(pod(), [killed('a', 143), killed('b', 0)], { terminal: true });
    expect(status.phase).toBe('Failed');
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(status.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
    expect(build(pod({}, { phase: 'Succeeded' }), [running(newRecord('a', false, 'x')), running(newRecord('b', false, 'x'))]).phase).toBe('Succeeded');
  });
});

describe('seedRecords', () => {
  it('starts fresh for a new pod', () => {
    const records = seedRecords(pod({ initContainers: [{ name: 'init' }] }), T0);
    expect([...records.values()].map((r) => [r.name, r.init, r.state, r.instances])).toEqual([
      ['init', true, { kind: 'waiting', reason: 'PodInitializing' }, 0],
      ['b', false, { kind: 'waiting', reason: 'PodInitializing' }, 0],
      ['a', false, { kind: 'waiting', reason: 'PodInitializing' }, 0],
    ]);
  });

  it('carries restarts and terminations over from a status the agent reported before', () => {
    const p = pod({}, {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', image: 'i', imageID: '', ready: true, restartCount: 2, state: { running: { startedAt: '2025-01-01T00:00:00Z' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', containerID: 'x://7', finishedAt: '2025-01-01T00:00:00Z' } } },
        { name: 'b', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', containerID: 'x://8' } } },
      ],
    });
    const records = seedRecords(p, T0);
    expect(records.get('a')).toMatchObject({ instances: 3, state: { kind: 'waiting' }, last: { exitCode: 1, containerId: 'x://7', finishedAtMs: T0 } });
    expect(records.get('b')).toMatchObject({ instances: 1, state: { kind: 'terminated', exitCode: 0, reason: 'Completed' } });
  });
});

describe('ownConditionsDrifted', () => {
  const T0 = '2026-01-01T00:00:00Z';
  const T1 = '2026-01-01T00:01:00Z';
  const reported = [{ type: 'Ready', status: 'True', lastTransitionTime: T0 }, { type: 'PodScheduled', status: 'True', lastTransitionTime: T0 }];
  it('is false when the stored conditions say what the agent reported', () => {
    expect(ownConditionsDrifted([...reported, { type: 'DisruptionTarget', status: 'True', lastTransitionTime: T1 }], reported)).toBe(false);
  });
  it('is true when another writer changed a condition the agent owns after the agent reported it', () => {
    expect(ownConditionsDrifted([{ type: 'Ready', status: 'False', lastTransitionTime: T1 }, reported[1]!], reported)).toBe(true);
  });
  it('is false for a stale read from before the agent\'s write landed', () => {
    expect(ownConditionsDrifted([{ type: 'Ready', status: 'False', lastTransitionTime: '2025-12-31T23:59:00Z' }], reported)).toBe(false);
    expect(ownConditionsDrifted([], reported)).toBe(false);
  });
  it('is false before the agent has reported anything', () => {
    expect(ownConditionsDrifted([{ type: 'Ready', status: 'False', lastTransitionTime: T1 }], undefined)).toBe(false);
  });
});
