// The pod worker with a fake apiserver and runtime: the order things start in, restarts
// and back-off, probes, config errors and graceful termination, judged by the statuses
// it writes, the Events it records and what it asks of the runtime.
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/core/clock.ts';
import { EventRecorder } from '../../../lib/agent/event-recorder.ts';
import { LogShipper } from '../../../lib/agent/log-shipper.ts';
import type { StatusWrite } from '../../../lib/agent/pod-reporter.ts';
import { PodWorker } from '../../../lib/agent/pod-worker.ts';
import { StatusWriter } from '../../../lib/agent/status-writer.ts';
import { FakeApi, FakeRuntime, until } from './fakes.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(pod: Pod) {
  const api = new FakeApi();
  const runtime = new FakeRuntime();
  const statuses = new StatusWriter<StatusWrite>((_k, w) => api.patchPodStatus(w.ref, w.status), { concurrency: 1 });
  const logs = new LogShipper((ref, text) => api.appendLog(ref, text), { flushMs: 1 });
  const events = new EventRecorder(api, systemClock, 'n1');
  const worker = new PodWorker({
    api, runtime, clock: systemClock, statuses, logs, events, node: { hostIP: '10.0.0.1', allocatable: { cpu: '2' } },
    backoff: { initialMs: 20, maxMs: 80 }, log: () => undefined,
  }, pod);
  cleanups.push(() => {
    worker.shutdown();
    statuses.close();
    logs.stop();
  });
  return { api, runtime, worker };
}

function pod(spec: PodSpec, meta: Pod['metadata'] = {}): Pod {
  return { metadata: { name: 'p', namespace: 'ns', uid: 'u1', resourceVersion: '1', ...meta }, spec: { nodeName: 'n1', ...spec } };
}

const messages = (api: FakeApi, reason: string) => [...api.events.values()].filter((e) => e.reason === reason).map((e) => e.message);

const ready = (api: FakeApi) => api.lastStatus()?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

describe('PodWorker', () => {
  it('runs init containers one by one, then every container, and reports Running and Ready', async () => {
    const p = pod({ initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }, { name: 'b' }] });
    const { api, runtime, worker } = setup(p);
    runtime.behave = (name) => (name.startsWith('i') ? { exitCode: 0 } : {});
    worker.kick();
    await until('Ready', () => ready(api));
    expect(runtime.started).toEqual(['i1', 'i2', 'a', 'b']);
    const s = api.lastStatus()!;
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses?.map((c) => [c.name, c.state?.terminated?.exitCode, c.ready])).toEqual([['i1', 0, true], ['i2', 0, true]]);
    expect(s.containerStatuses?.map((c) => [c.name, !!c.state?.running, c.ready, c.started, c.containerID?.startsWith('fake://')])).toEqual([
      ['a', true, true, true, true], ['b', true, true, true, true],
    ]);
    expect(s.podIP).toBe('10.9.9.9');
    expect(api.statuses[0]?.status.phase).toBe('Pending');
    await until('logs shipped', () => api.chunks.length >= 4);
    expect(api.chunks.find((c) => c.ref.container === 'a')).toMatchObject({ ref: { namespace: 'ns', name: 'p', uid: 'u1', instance: 0, seq: 0 }, text: 'a run 0 env \n' });
    await until('events', () => api.eventReasons('spec.containers{b}').length === 3);
    expect(api.eventReasons('spec.initContainers{i1}')).toEqual(['Pulled', 'Created', 'Started']);
    expect(api.eventReasons()).toEqual(['Pulled', 'Created', 'Started', 'Pulled', 'Created', 'Started', 'Pulled', 'Created', 'Started', 'Pulled', 'Created', 'Started']);
    const started = [...api.events.values()].find((e) => e.reason === 'Started' && e.involvedObject.fieldPath === 'spec.containers{a}')!;
    expect(started).toMatchObject({
      type: 'Normal', message: 'Started container a', count: 1, source: { component: 'kubelet', host: 'n1' },
      involvedObject: { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u1', fieldPath: 'spec.containers{a}' },
    });
    expect(started.metadata?.name).toMatch(/^p\.[0-9a-f]+$/);
  });

  it('records no Events for syncs that change nothing', async () => {
    const p = pod({ containers: [{ name: 'a' }] });
    const { api, worker } = setup(p);
    worker.kick();
    await until('Ready', () => ready(api));
    await until('events', () => api.eventWrites.length === 3);
    for (let i = 0; i < 5; i++) worker.update({ ...p, metadata: { ...p.metadata, resourceVersion: String(10 + i) } });
    const writes = api.statuses.length;
    worker.kick();
    await until('a sync ran', () => true);
    expect(api.statuses.length).toBe(writes);
    expect(api.eventWrites).toEqual(['create', 'create', 'create']);
  });

  it('restarts a crashing container with back-off, through CrashLoopBackOff', async () => {
    const { api, runtime, worker } = setup(pod({ containers: [{ name: 'c' }] }));
    runtime.behave = () => ({ exitCode: 2 });
    worker.kick();
    await until('3 restarts', () => (api.lastStatus()?.containerStatuses?.[0]?.restartCount ?? 0) >= 3);
    const waiting = api.statuses.map((w) => w.status.containerStatuses?.[0]?.state?.waiting).filter((w) => w?.reason === 'CrashLoopBackOff');
    expect(waiting[0]?.message).toMatch(/^back-off 20ms restarting failed container=c pod=p_ns\(u1\)$/);
    expect(api.lastStatus()?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(api.lastStatus()?.phase).toBe('Running');
    expect(new Set(api.chunks.filter((c) => c.ref.container === 'c').map((c) => c.ref.instance)).size).toBeGreaterThanOrEqual(3);
    // One BackOff Event per crash, aggregated into one object; Started likewise.
    await until('BackOff counted', () => [...api.events.values()].some((e) => e.reason === 'BackOff' && (e.count ?? 0) >= 2));
    const backOffs = [...api.events.values()].filter((e) => e.reason === 'BackOff');
    expect(backOffs).toHaveLength(1);
    expect(backOffs[0]).toMatchObject({ type: 'Warning', message: 'Back-off restarting failed container c in pod p_ns(u1)' });
    expect([...api.events.values()].filter((e) => e.reason === 'Started')).toHaveLength(1);
  });

  it('reports Ready again when another writer marked the pod not ready (kubelet reconciles its status)', async () => {
    const p = pod({ containers: [{ name: 'a' }] });
    const { api, worker } = setup(p);
    worker.kick();
    await until('Ready', () => ready(api));
    const writes = api.statuses.length;
    const mine = api.lastStatus()!;
    // The node lifecycle controller, while this node was unreachable, set Ready=False.
    const later = new Date(Date.parse(mine.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!) + 1000).toISOString();
    const conditions = mine.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'NodeLost', lastTransitionTime: later } : c));
    worker.update({ ...p, status: { ...mine, conditions } });
    await until('Ready reported again', () => api.statuses.length > writes && ready(api));
    // Seeing its own status back changes nothing.
    const after = api.statuses.length;
    worker.update({ ...p, status: api.lastStatus()! });
    worker.kick();
    await until('a sync ran', () => true);
    expect(api.statuses.length).toBe(after);
  });

  it('lets a Never pod fail and leaves it alone', async () => {
    const { api, runtime, worker } = setup(pod({ restartPolicy: 'Never', containers: [{ name: 'c' }] }));
    runtime.behave = () => ({ exitCode: 1 });
    worker.kick();
    await until('Failed', () => api.lastStatus()?.phase === 'Failed');
    expect(runtime.started).toEqual(['c']);
    expect(api.lastStatus()?.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodFailed');
  });

  it('waits on a missing ConfigMap and starts once it exists', async () => {
    const p = pod({ containers: [{ name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'x' } } }] }] });
    const { api, runtime, worker } = setup(p);
    worker.kick();
    await until('config error', () => api.lastStatus()?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError');
    expect(api.lastStatus()?.containerStatuses?.[0]?.state?.waiting?.message).toBe('configmap "cfg" not found');
    expect(runtime.started).toEqual([]);
    api.configMaps.set('cfg', { data: { x: '42' } });
    await until('running', () => !!api.lastStatus()?.containerStatuses?.[0]?.state?.running);
    expect(api.lastStatus()?.containerStatuses?.[0]?.restartCount).toBe(0);
    await until('Started event', () => messages(api, 'Started').length === 1);
    expect(messages(api, 'Failed')).toEqual(['Error: configmap "cfg" not found']);
  });

  it('holds Ready until the readiness probe passes, and restarts on liveness failure', async () => {
    const p = pod({ containers: [{ name: 'c', readinessProbe: { periodSeconds: 1 }, livenessProbe: { periodSeconds: 1, failureThreshold: 1 } }] });
    const { api, runtime, worker } = setup(p);
    let failLiveness = false;
    runtime.probe = (req) => (req.probe === p.spec!.containers[0]!.livenessProbe && failLiveness ? 'failure' : 'success');
    worker.kick();
    await until('Ready', () => ready(api));
    failLiveness = true;
    await until('restarted', () => runtime.started.length === 2, 5000);
    expect(runtime.stopped[0]).toMatchObject({ name: 'c', graceMs: 30_000 });
    await until('events', () => messages(api, 'Killing').length === 1);
    expect(messages(api, 'Killing')).toEqual(['Container c failed liveness probe, will be restarted']);
    expect(messages(api, 'Unhealthy')).toEqual(['Liveness probe failed: ']);
  });

  it('stops everything with the deletion grace period, reports the end, then deletes with the uid', async () => {
    const p = pod({ containers: [{ name: 'a' }, { name: 'b' }] });
    const { api, runtime, worker } = setup(p);
    worker.kick();
    await until('Ready', () => ready(api));
    const before = api.statuses.length;
    worker.update({ ...p, metadata: { ...p.metadata, resourceVersion: '2', deletionTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: 7 } });
    await until('deleted', () => worker.done);
    expect(runtime.stopped).toEqual([{ name: 'a', graceMs: 7000 }, { name: 'b', graceMs: 7000 }]);
    expect(api.deletes).toEqual([{ namespace: 'ns', name: 'p', uid: 'u1' }]);
    expect(api.statuses.length).toBe(before + 1);
    expect(api.lastStatus()?.phase).toBe('Failed');
    expect(api.lastStatus()?.containerStatuses?.map((c) => c.state?.terminated?.exitCode)).toEqual([143, 143]);
    await until('Killing', () => messages(api, 'Killing').length === 2);
    expect(messages(api, 'Killing').sort()).toEqual(['Stopping container a', 'Stopping container b']);
  });

  it('kills what runs when the pod vanishes, without writing', async () => {
    const { api, runtime, worker } = setup(pod({ containers: [{ name: 'a' }] }));
    worker.kick();
    await until('running', () => runtime.running.length === 1);
    await until('reported', () => ready(api));
    const before = api.statuses.length;
    await worker.forget();
    expect(runtime.running).toEqual([]);
    expect(runtime.stopped[0]?.graceMs).toBe(2000);
    expect(api.statuses.length).toBe(before);
    expect(worker.done).toBe(true);
  });
});
