// Objects that expire (Events, after an hour): the same cases against every store. Time
// is a hand-moved clock, so "an hour later" costs nothing; DynamoDB Local never runs TTL,
// which is exactly the case reads must cover (on AWS removal is lazy, too).
import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, type GroupResource } from '../../lib/api/errors.ts';
import type { Clock } from '../../lib/core/clock.ts';
import type { KubeObject, ObjectStore } from '../../lib/storage/object-store.ts';
import { EVENT_TTL_SECONDS } from '../../lib/storage/object-ttl.ts';

const events: GroupResource = { group: '', resource: 'events' };
const configmaps: GroupResource = { group: '', resource: 'configmaps' };
const T0 = Date.parse('2026-03-01T12:00:00Z');

export class ManualClock implements Clock {
  constructor(public ms = T0) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

function event(name: string, count = 1): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Scheduled', count };
}

export function objectTtlContract(name: string, makeStore: (clock: Clock) => Promise<ObjectStore>): void {
  describe(`ObjectStore contract, expiring objects: ${name}`, () => {
    const key = (n: string) => ({ resource: events, namespace: 'default', name: n });

    it('an Event is readable for an hour after its last write, then absent from get and list', async () => {
      const clock = new ManualClock();
      const store = await makeStore(clock);
      await store.create(events, event('a'));
      await store.create(configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: 'default' } });
      clock.advance(EVENT_TTL_SECONDS - 1);
      expect((await store.get(key('a'))).metadata.name).toBe('a');
      expect((await store.list(events, { namespace: 'default' })).items).toHaveLength(1);
      clock.advance(1);
      await expect(store.get(key('a'))).rejects.toThrow(NotFoundError);
      expect((await store.list(events)).items).toEqual([]);
      expect((await store.list(events, { namespace: 'default', limit: 10 })).items).toEqual([]);
      // Objects without a TTL are untouched, however old.
      clock.advance(30 * 24 * 3600);
      expect((await store.list(configmaps)).items.map((o) => o.metadata.name)).toEqual(['kept']);
    });

    it('every update renews the hour, as kube renews an Event’s lease', async () => {
      const clock = new ManualClock();
      const store = await makeStore(clock);
      const created = await store.create(events, event('a'));
      clock.advance(EVENT_TTL_SECONDS - 10);
      await store.update(events, { ...created, count: 2 });
      clock.advance(EVENT_TTL_SECONDS - 10);
      expect((await store.get(key('a')))['count']).toBe(2);
      clock.advance(10);
      await expect(store.get(key('a'))).rejects.toThrow(NotFoundError);
    });

    it('an expired Event cannot be updated or deleted, and its name can be created again', async () => {
      const clock = new ManualClock();
      const store = await makeStore(clock);
      const old = await store.create(events, event('a'));
      await expect(store.create(events, event('a'))).rejects.toThrow(AlreadyExistsError);
      clock.advance(EVENT_TTL_SECONDS);
      await expect(store.update(events, { ...old, count: 5 })).rejects.toThrow(NotFoundError);
      await expect(store.delete(key('a'))).rejects.toThrow(NotFoundError);
      const again = await store.create(events, event('a', 7));
      expect(again.metadata.uid).not.toBe(old.metadata.uid);
      expect(await store.get(key('a'))).toEqual(again);
      expect((await store.list(events)).items).toEqual([again]);
    });
  });
}
