// The event recorder on the in-memory store with a hand-moved clock: repeats aggregate
// into one Event, and once that Event has expired a repeat starts a new one.
import { describe, expect, it } from 'vitest';
import { recordEvent } from '../../../../lib/controllers/events/recorder.ts';
import { randomIds } from '../../../../lib/core/ids.ts';
import { builtinRegistry } from '../../../../lib/registry/builtin.ts';
import type { RegistryContext } from '../../../../lib/registry/generic/context.ts';
import { MemoryStore } from '../../../../lib/storage/memory-store.ts';
import { EVENT_TTL_SECONDS } from '../../../../lib/storage/object-ttl.ts';
import { ManualClock } from '../../../contract/object-ttl-contract.ts';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' } };
const spec = { involved: pod, type: 'Normal' as const, reason: 'Scheduled', message: 'Successfully assigned default/p to n1', component: 'default-scheduler' };
const EVENTS = { group: '', resource: 'events' };

async function setup() {
  const clock = new ManualClock();
  const store = new MemoryStore({ clock, ids: randomIds });
  const ctx: RegistryContext = { store, registry: builtinRegistry(), clock, ids: randomIds };
  await store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return { clock, store, ctx };
}

describe('recordEvent', () => {
  it('aggregates repeats into one Event, whose every repeat renews its hour', async () => {
    const { clock, store, ctx } = await setup();
    await recordEvent(ctx, spec);
    clock.advance(EVENT_TTL_SECONDS - 1);
    await recordEvent(ctx, spec);
    clock.advance(EVENT_TTL_SECONDS - 1);
    const [event, ...more] = (await store.list(EVENTS)).items;
    expect(more).toEqual([]);
    expect(event).toMatchObject({ count: 2, reason: 'Scheduled', source: { component: 'default-scheduler' }, involvedObject: { name: 'p', uid: 'u1' } });
    expect(event!['lastTimestamp']).not.toBe(event!['firstTimestamp']);
  });

  it('writes an Event shaped as kube’s core/v1 recorder leaves it', async () => {
    const { store, ctx } = await setup();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n-uid' } };
    await recordEvent(ctx, { involved: node, type: 'Normal', reason: 'NodeNotReady', message: 'Node n1 status is now: NodeNotReady', component: 'node-controller' });
    const [event] = (await store.list(EVENTS)).items;
    // eventTime is a non-pointer MicroTime (null), reporting fields have no omitempty.
    expect(event).toMatchObject({ eventTime: null, reportingComponent: 'node-controller', reportingInstance: '', count: 1, source: { component: 'node-controller' } });
    // A cluster-scoped object has no namespace to refer to, and no empty one is written.
    expect(event!['involvedObject']).toEqual({ kind: 'Node', name: 'n1', uid: 'n-uid', apiVersion: 'v1' });
    expect(event).not.toHaveProperty('action');
    expect(event).not.toHaveProperty('series');
  });

  it('records the writer as kube does: kube-scheduler for the scheduler, kube-controller-manager for controllers', async () => {
    const { store, ctx } = await setup();
    await recordEvent(ctx, spec);
    await recordEvent(ctx, { ...spec, reason: 'SuccessfulCreate', message: 'Created pod: p', component: 'replicaset-controller' });
    const managers = (await store.list(EVENTS)).items.map((e) => [e['reason'], e.metadata.managedFields?.map((f) => `${f.manager}/${f.operation}`)]);
    expect(managers.sort()).toEqual([['Scheduled', ['kube-scheduler/Update']], ['SuccessfulCreate', ['kube-controller-manager/Update']]]);
  });

  it('starts a new Event once the old one has expired', async () => {
    const { clock, store, ctx } = await setup();
    await recordEvent(ctx, spec);
    await recordEvent(ctx, spec);
    clock.advance(EVENT_TTL_SECONDS);
    expect((await store.list(EVENTS)).items).toEqual([]);
    await recordEvent(ctx, spec);
    expect((await store.list(EVENTS)).items.map((e) => e['count'])).toEqual([1]);
  });
});
