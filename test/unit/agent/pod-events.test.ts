// The Events a pod's steps produce, against kubelet v1.32's reasons and messages, and how
// the agent's recorder names and aggregates them (client-go's recorder and correlator).
import { describe, expect, it } from 'vitest';
import { EventRecorder, eventKey, kubeletEvent, nextEventName, takeToken } from '../../../lib/agent/event-recorder.ts';
import { backOffEvent, containerRef, imageEvents, killingEvent, podWho, startEvents, unhealthyEvent } from '../../../lib/agent/pod-events.ts';
import type { Clock } from '../../../lib/core/clock.ts';
import { AgentApiError } from '../../../lib/agent/agent-api.ts';
import { FakeApi } from './fakes.ts';

const web = containerRef({ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }, false);

describe('pod events', () => {
  it('says an image is present unless the policy pulls always', () => {
    expect(imageEvents(web)).toEqual([
      { type: 'Normal', reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', fieldPath: 'spec.containers{web}' },
    ]);
    const always = containerRef({ name: 'web', image: 'nginx', imagePullPolicy: 'Always' }, false);
    expect(imageEvents(always).map((e) => [e.reason, e.message])).toEqual([
      ['Pulling', 'Pulling image "nginx"'],
      ['Pulled', 'Successfully pulled image "nginx" in 0s (0s including waiting). Image size: 0 bytes.'],
    ]);
  });

  it('follows a start through image, creation and start, or to its failure', () => {
    expect(startEvents(web, { kind: 'running' }).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine'],
      ['Normal', 'Created', 'Created container: web'],
      ['Normal', 'Started', 'Started container web'],
    ]);
    expect(startEvents(web, { kind: 'config-error', message: 'configmap "cfg" not found' }).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine'],
      ['Warning', 'Failed', 'Error: configmap "cfg" not found'],
    ]);
    expect(startEvents(web, { kind: 'cannot-run', message: 'exec: "nope": executable file not found in $PATH' }).map((e) => e.reason)).toEqual(['Pulled', 'Created', 'Failed']);
  });

  it('names init containers by their own field path', () => {
    const init = containerRef({ name: 'setup' }, true);
    expect(startEvents(init, { kind: 'running' }).map((e) => e.fieldPath)).toEqual(Array(3).fill('spec.initContainers{setup}'));
  });

  it('words back-off, stops and probe failures as kubelet does', () => {
    expect(backOffEvent(web, podWho({ name: 'p', namespace: 'ns', uid: 'u1' }))).toEqual({
      type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container web in pod p_ns(u1)', fieldPath: 'spec.containers{web}',
    });
    expect(killingEvent(web).message).toBe('Stopping container web');
    expect(killingEvent(web, 'liveness').message).toBe('Container web failed liveness probe, will be restarted');
    expect(unhealthyEvent(web, 'readiness', 'HTTP probe failed with statuscode: 503')).toMatchObject({ type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' });
  });
});

describe('event recorder', () => {
  const pod = { namespace: 'ns', name: 'p', uid: 'u1', resourceVersion: '7' };
  const clockAt = (ms: number[]): Clock => ({ now: () => new Date(ms[0]!) });

  it('builds a core/v1 Event with kubelet as its source', () => {
    const e = kubeletEvent(pod, backOffEvent(web, 'p_ns(u1)'), 'node-1', 'p.1', { first: '2026-01-01T00:00:00Z', last: '2026-01-01T00:00:05Z', count: 2 });
    expect(e).toMatchObject({
      metadata: { name: 'p.1', namespace: 'ns' },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u1', resourceVersion: '7', fieldPath: 'spec.containers{web}' },
      type: 'Warning', reason: 'BackOff', source: { component: 'kubelet', host: 'node-1' }, reportingComponent: 'kubelet', reportingInstance: 'node-1',
      count: 2, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:05Z',
    });
  });

  it('names events by increasing hex nanoseconds, never twice in one millisecond', () => {
    const a = nextEventName('p', 1_700_000_000_000, 0n);
    expect(a.name).toBe(`p.${(1_700_000_000_000n * 1_000_000n).toString(16)}`);
    const b = nextEventName('p', 1_700_000_000_000, a.nanos);
    expect(b.nanos).toBe(a.nanos + 1n);
    expect(b.name > a.name).toBe(true);
  });

  it('tells occurrences apart by container, reason and message', () => {
    expect(eventKey(pod, killingEvent(web))).toBe(eventKey(pod, killingEvent(web)));
    expect(eventKey(pod, killingEvent(web))).not.toBe(eventKey(pod, killingEvent(web, 'liveness')));
    expect(eventKey(pod, killingEvent(web))).not.toBe(eventKey({ ...pod, uid: 'u2' }, killingEvent(web)));
  });

  it('counts a repeat on the first Event with a patch, and writes it again when it expired', async () => {
    const api = new FakeApi();
    const now = [Date.parse('2026-01-01T00:00:00Z')];
    const rec = new EventRecorder(api, clockAt(now), 'node-1');
    const backOff = backOffEvent(web, 'p_ns(u1)');
    rec.emit(pod, [backOff, backOff]);
    now[0]! += 5000;
    rec.emit(pod, [backOff, killingEvent(web)]);
    await rec.flush(5000);
    expect(api.eventWrites.sort()).toEqual(['create', 'create', 'patch', 'patch']);
    const stored = [...api.events.values()].find((e) => e.reason === 'BackOff')!;
    expect(stored).toMatchObject({ count: 3, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:05Z' });
    api.events.delete(`ns/${stored.metadata!.name}`);
    rec.emit(pod, [backOff]);
    await rec.flush(5000);
    expect(api.events.get(`ns/${stored.metadata!.name}`)).toMatchObject({ count: 4, firstTimestamp: '2026-01-01T00:00:00Z' });
  });

  it('paces writes at kubelet\'s event QPS after a burst', () => {
    let bucket = { tokens: 3, atMs: 1000 };
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = takeToken(bucket, 1000, 10, 3);
      bucket = t.bucket;
      waits.push(t.waitMs);
    }
    expect(waits).toEqual([0, 0, 0, 100, 200]);
    // A second later ten tokens came back, but the bucket holds three at most.
    expect(takeToken(bucket, 3000, 10, 3).waitMs).toBe(0);
    expect(takeToken(bucket, 3000, 10, 3).bucket.tokens).toBe(2);
  });

  it('drops what the apiserver refuses and carries on', async () => {
    const api = new FakeApi();
    api.createEvent = async () => {
      throw new AgentApiError(500, 'boom');
    };
    const logs: Record<string, unknown>[] = [];
    const rec = new EventRecorder(api, clockAt([0]), 'node-1', (e) => logs.push(e));
    rec.emit(pod, [killingEvent(web)]);
    await rec.flush(5000);
    expect(logs).toEqual([expect.objectContaining({ msg: 'recording an event failed', reason: 'Killing', error: 'boom' })]);
  });
});
