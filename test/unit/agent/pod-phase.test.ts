import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podPhase } from '../../../lib/agent/pod-phase.ts';
import type { RestartPolicy } from '../../../lib/agent/restart-policy.ts';

const running = (name: string): ContainerStatus => ({ name, image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } });
const waiting = (name: string, reason = 'ContainerCreating'): ContainerStatus => ({ name, image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } } });
const done = (name: string, exitCode: number): ContainerStatus => ({ name, image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
const crashLooping = (name: string): ContainerStatus => ({ ...waiting(name, 'CrashLoopBackOff'), lastState: { terminated: { exitCode: 1 } } });

function phase(init: ContainerStatus[], regular: ContainerStatus[], policy: RestartPolicy = 'Always', terminal = false, specs?: { init: string[]; regular: string[] }) {
  return podPhase({
    initContainers: specs?.init ?? init.map((s) => s.name),
    containers: specs?.regular ?? regular.map((s) => s.name),
    initStatuses: init,
    statuses: regular,
    restartPolicy: policy,
    terminal,
  });
}

describe('podPhase', () => {
  it.each([
    ['nothing reported yet', [], [], 'Always', false, { init: [], regular: ['a'] }, 'Pending'],
    ['a container still being created', [], [waiting('a')], 'Always', false, undefined, 'Pending'],
    ['an init container running', [running('i')], [waiting('a', 'PodInitializing')], 'Always', false, undefined, 'Pending'],
    ['an init container failed, Never', [done('i', 1)], [waiting('a', 'PodInitializing')], 'Never', false, undefined, 'Failed'],
    ['an init container failed, Always', [crashLooping('i')], [waiting('a', 'PodInitializing')], 'Always', false, undefined, 'Pending'],
    ['all running', [done('i', 0)], [running('a'), running('b')], 'Always', false, undefined, 'Running'],
    ['one running, one crash-looping', [], [running('a'), crashLooping('b')], 'Always', false, undefined, 'Running'],
    ['all exited, Always', [], [done('a', 1)], 'Always', false, undefined, 'Running'],
    ['all exited 0, OnFailure', [], [done('a', 0), done('b', 0)], 'OnFailure', false, undefined, 'Succeeded'],
    ['one exited 1, OnFailure', [], [done('a', 0), done('b', 1)], 'OnFailure', false, undefined, 'Running'],
    ['one exited 1, Never', [], [done('a', 0), done('b', 1)], 'Never', false, undefined, 'Failed'],
    ['deleted, all exited 0', [], [done('a', 0)], 'Always', true, undefined, 'Succeeded'],
    ['deleted, one killed', [], [done('a', 0), done('b', 137)], 'Always', true, undefined, 'Failed'],
  ] as const)('%s → %s', (_what, init, regular, policy, terminal, specs, want) => {
    expect(phase([...init], [...regular], policy, terminal, specs as { init: string[]; regular: string[] } | undefined)).toBe(want);
  });
});
