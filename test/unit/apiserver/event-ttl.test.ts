// Events expire an hour after their last write: the apiserver never serves an expired one,
// by get, list or the initial list of a watch, even though DynamoDB's TTL (and never,
// locally) may not have removed it yet. The store runs on a hand-moved clock.
import { describe, expect, it } from 'vitest';
import { randomIds } from '../../../lib/core/ids.ts';
import { MemoryStore } from '../../../lib/storage/memory-store.ts';
import { EVENT_TTL_SECONDS } from '../../../lib/storage/object-ttl.ts';
import { ManualClock } from '../../contract/object-ttl-contract.ts';
import { testApi } from '../../support/test-api.ts';

const EVENTS = '/api/v1/namespaces/default/events';

function event(name: string) {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Scheduled', message: 'm', type: 'Normal' };
}

describe('Event expiry through the apiserver', () => {
  it('an expired Event is a 404 Status, absent from lists and from a watch’s initial list', async () => {
    const clock = new ManualClock();
    const api = await testApi(new MemoryStore({ clock, ids: randomIds }));
    expect((await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })).status).toBe(201);
    expect((await api.call('POST', EVENTS, event('a-old'))).status).toBe(201);
    clock.advance(EVENT_TTL_SECONDS - 60);
    expect((await api.call('POST', EVENTS, event('b-new'))).status).toBe(201);
    clock.advance(60);

    const got = await api.call('GET', `${EVENTS}/a-old`);
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'events "a-old" not found' });
    expect((await api.call('GET', EVENTS)).body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(['b-new']);
    expect((await api.call('GET', '/api/v1/events')).body.items).toHaveLength(1);

    const watch = await api.watch(`${EVENTS}?watch=true&resourceVersion=0`);
    expect(watch.status).toBe(200);
    expect(await watch.next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'b-new' } } });
    await watch.close();

    // The name is free again, as after a deletion.
    expect((await api.call('POST', EVENTS, event('a-old'))).status).toBe(201);
  });
});
