import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

function pod(opts: { spec?: Json; status?: Json; metadata?: Json } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', uid: 'u1', creationTimestamp: ago(10 * MIN), ...opts.metadata },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...opts.spec },
    status: { phase: 'Running', ...opts.status },
  };
}

const running = (name: string, restartCount = 0, extra: Json = {}): Json => ({
  name,
  ready: true,
  started: true,
  restartCount,
  state: { running: { startedAt: ago(9 * MIN) } },
  ...extra,
});
const waiting = (name: string, reason: string, restartCount = 0, extra: Json = {}): Json => ({
  name,
  ready: false,
  restartCount,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (name: string, t: Json, restartCount = 0): Json => ({
  name,
  ready: false,
  restartCount,
  state: { terminated: { exitCode: 0, ...t } },
});
const lastTerminated = (finishedMsAgo: number): Json => ({
  lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(finishedMsAgo) } },
});

/** Cells keyed by column name. */
function row(obj: KubeObject): Record<string, TableCell> {
  const t = tableFor({ group: '', kind: 'Pod' }, [obj], { now: NOW });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

describe('pod columns', () => {
  it('are kube’s, with the wide ones at priority 1', () => {
    const t = tableFor({ group: '', kind: 'Pod' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(t.columnDefinitions[0]?.format).toBe('name');
  });
});

describe('pod READY / STATUS / RESTARTS', () => {
  const crashLoop = pod({
    status: { containerStatuses: [waiting('app', 'CrashLoopBackOff', 3, lastTerminated(5 * MIN))] },
  });

  it.each<[string, KubeObject, { ready: string; status: string; restarts: string }]>([
    [
      'running, all ready',
      pod({
        spec: { containers: [{ name: 'app' }, { name: 'log' }] },
        status: { containerStatuses: [running('app'), running('log')] },
      }),
      { ready: '2/2', status: 'Running', restarts: '0' },
    ],
    ['pending, not scheduled', pod({ status: { phase: 'Pending' } }), { ready: '0/1', status: 'Pending', restarts: '0' }],
    [
      'container creating',
      pod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] } }),
      { ready: '0/1', status: 'ContainerCreating', restarts: '0' },
    ],
    ['CrashLoopBackOff with dated restarts', crashLoop, { ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (5m ago)' }],
    [
      'restarts without a last termination time stay a bare count',
      pod({ status: { containerStatuses: [running('app', 2)] } }),
      { ready: '1/1', status: 'Running', restarts: '2' },
    ],
    [
      'restarts sum over containers; the latest termination dates them',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: { containerStatuses: [running('a', 1, lastTerminated(40 * MIN)), running('b', 2, lastTerminated(3 * MIN))] },
      }),
      { ready: '2/2', status: 'Running', restarts: '3 (3m ago)' },
    ],
    [
      'the first container with a reason wins',
      pod({
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: { containerStatuses: [waiting('a', 'ImagePullBackOff'), waiting('b', 'ErrImagePull')] },
      }),
      { ready: '0/2', status: 'ImagePullBackOff', restarts: '0' },
    ],
    [
      'init container running: Init:0/1',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [running('migrate', 0, { ready: false })],
          containerStatuses: [waiting('app', 'PodInitializing')],
        },
      }),
      { ready: '0/1', status: 'Init:0/1', restarts: '0' },
    ],
    [
      'second of two init containers: Init:1/2',
      pod({
        spec: { initContainers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [terminated('a', { reason: 'Completed' }), waiting('b', 'PodInitializing')],
        },
      }),
      { ready: '0/1', status: 'Init:1/2', restarts: '0' },
    ],
    [
      'init container crash-looping',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: { phase: 'Pending', initContainerStatuses: [waiting('migrate', 'CrashLoopBackOff', 2, lastTerminated(1 * MIN))] },
      }),
      { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '2 (60s ago)' },
    ],
    [
      'init container failed with a reason',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: { phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 1, reason: 'Error' })] },
      }),
      { ready: '0/1', status: 'Init:Error', restarts: '0' },
    ],
    [
      'init container failed without a reason: exit code',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: { phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 2 })] },
      }),
      { ready: '0/1', status: 'Init:ExitCode:2', restarts: '0' },
    ],
    [
      'init container killed by a signal',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: { phase: 'Pending', initContainerStatuses: [terminated('migrate', { exitCode: 137, signal: 9 })] },
      }),
      { ready: '0/1', status: 'Init:Signal:9', restarts: '0' },
    ],
    [
      'finished init containers’ restarts no longer count',
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: {
          initContainerStatuses: [terminated('migrate', { reason: 'Completed' }, 4)],
          containerStatuses: [running('app')],
        },
      }),
      { ready: '1/1', status: 'Running', restarts: '0' },
    ],
    [
      'a started sidecar counts toward READY and keeps its restarts',
      pod({
        spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        status: {
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [running('proxy', 1, lastTerminated(1 * HOUR))],
          containerStatuses: [running('app')],
        },
      }),
      { ready: '2/2', status: 'Running', restarts: '1 (60m ago)' },
    ],
    [
      'completed',
      pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('app', { reason: 'Completed' })] } }),
      { ready: '0/1', status: 'Completed', restarts: '0' },
    ],
    [
      'failed with Error',
      pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 1, reason: 'Error' })] } }),
      { ready: '0/1', status: 'Error', restarts: '0' },
    ],
    [
      'terminated without a reason: exit code',
      pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 3 })] } }),
      { ready: '0/1', status: 'ExitCode:3', restarts: '0' },
    ],
    ['evicted (pod-level reason)', pod({ status: { phase: 'Failed', reason: 'Evicted' } }), { ready: '0/1', status: 'Evicted', restarts: '0' }],
    [
      'one container completed, another still running and Ready',
      pod({
        spec: { containers: [{ name: 'job' }, { name: 'sidecar' }] },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [terminated('job', { reason: 'Completed' }), running('sidecar')],
        },
      }),
      { ready: '1/2', status: 'Running', restarts: '0' },
    ],
    [
      'one container completed, another running but the pod not Ready',
      pod({
        spec: { containers: [{ name: 'job' }, { name: 'sidecar' }] },
        status: { containerStatuses: [terminated('job', { reason: 'Completed' }), running('sidecar')] },
      }),
      { ready: '1/2', status: 'NotReady', restarts: '0' },
    ],
    [
      'terminating',
      pod({ metadata: { deletionTimestamp: ago(10_000) }, status: { containerStatuses: [running('app')] } }),
      { ready: '1/1', status: 'Terminating', restarts: '0' },
    ],
    [
      'a finished pod being deleted keeps its final status',
      pod({
        metadata: { deletionTimestamp: ago(10_000) },
        status: { phase: 'Succeeded', containerStatuses: [terminated('app', { reason: 'Completed' })] },
      }),
      { ready: '0/1', status: 'Completed', restarts: '0' },
    ],
    [
      'deleted on a lost node',
      pod({ metadata: { deletionTimestamp: ago(10_000) }, status: { reason: 'NodeLost', containerStatuses: [running('app')] } }),
      { ready: '1/1', status: 'Unknown', restarts: '0' },
    ],
    [
      'scheduling gated',
      pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }),
      { ready: '0/1', status: 'SchedulingGated', restarts: '0' },
    ],
  ])('%s', (_name, obj, want) => {
    const r = row(obj);
    expect({ ready: r['Ready'], status: r['Status'], restarts: r['Restarts'] }).toEqual(want);
  });
});

describe('pod other cells', () => {
  it('fills Name, Age and the wide columns', () => {
    const r = row(
      pod({
        spec: { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
        status: {
          podIP: '10.1.0.7',
          podIPs: [{ ip: '10.1.0.7' }, { ip: 'fd00::7' }],
          nominatedNodeName: 'node-2',
          conditions: [
            { type: 'example.com/lb', status: 'True' },
            { type: 'example.com/dns', status: 'False' },
          ],
          containerStatuses: [running('app')],
        },
      }),
    );
    expect(r).toEqual({
      Name: 'web-1',
      Ready: '1/1',
      Status: 'Running',
      Restarts: '0',
      Age: '10m',
      IP: '10.1.0.7',
      Node: 'node-1',
      'Nominated Node': 'node-2',
      'Readiness Gates': '1/2',
    });
  });

  it('prints <none> for what is not yet known', () => {
    const r = row(pod({ status: { phase: 'Pending' } }));
    expect([r['IP'], r['Node'], r['Nominated Node'], r['Readiness Gates']]).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('reads podIP when podIPs is absent', () => {
    expect(row(pod({ status: { podIP: '10.1.0.9' } }))['IP']).toBe('10.1.0.9');
  });

  it('prints <unknown> age without a creationTimestamp', () => {
    const obj = pod();
    const { creationTimestamp: _dropped, ...metadata } = obj.metadata;
    expect(row({ ...obj, metadata })['Age']).toBe('<unknown>');
  });

  it('flags finished pods with a Completed row condition', () => {
    const conditionsOf = (phase: string) =>
      tableFor({ group: '', kind: 'Pod' }, [pod({ status: { phase } })], { now: NOW }).rows[0]?.conditions;
    expect(conditionsOf('Succeeded')).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    expect(conditionsOf('Failed')).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    expect(conditionsOf('Running')).toBeUndefined();
  });
});
