// ?watch=true through the Hono app: framing, start revisions, selectors, 410, timeout.
import { describe, expect, it } from 'vitest';
import { configMap, testApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';
const MERGE = { 'content-type': 'application/merge-patch+json' };

describe('watch', () => {
  it('streams changes after a list revision as newline-delimited events', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('before'));
    const listRv = (await api.call('GET', CM)).body.metadata.resourceVersion;
    const w = await api.watch(`${CM}?watch=true&resourceVersion=${listRv}`);
    expect(w.status).toBe(200);
    await api.call('POST', CM, configMap('a'));
    await api.call('PATCH', `${CM}/a`, { data: { k: 'v2' } }, MERGE);
    await api.call('DELETE', `${CM}/a`);
    const events = [await w.next(), await w.next(), await w.next()];
    await w.close();
    expect(events.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:a', 'MODIFIED:a', 'DELETED:a']);
    const rvs = events.map((e) => BigInt(e.object.metadata.resourceVersion));
    expect(rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!).toBe(true);
  });

  it('starts with ADDED for existing objects when resourceVersion is unset or 0', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('x'));
    const w = await api.watch(`${CM}?watch=1&resourceVersion=0`);
    expect((await w.next())).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'x' } } });
    await api.call('POST', CM, configMap('y'));
    expect((await w.next())).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'y' } } });
    await w.close();
  });

  it('filters by label selector, turning relabels into ADDED and DELETED', async () => {
    const api = await testApi();
    const rv = (await api.call('GET', CM)).body.metadata.resourceVersion;
    const w = await api.watch(`${CM}?watch=true&resourceVersion=${rv}&labelSelector=app%3Dweb`);
    await api.call('POST', CM, configMap('other', {}, { labels: { app: 'db' } }));
    await api.call('POST', CM, configMap('w', {}, { labels: { app: 'db' } }));
    await api.call('PATCH', `${CM}/w`, { metadata: { labels: { app: 'web' } } }, MERGE);
    await api.call('PATCH', `${CM}/w`, { metadata: { labels: { app: 'db' } } }, MERGE);
    expect((await w.next())).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'w' } } });
    expect((await w.next())).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'w' } } });
    await w.close();
  });

  it('watches one object by name with a field selector', async () => {
    const api = await testApi();
    const rv = (await api.call('GET', CM)).body.metadata.resourceVersion;
    const w = await api.watch(`${CM}?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dme`);
    await api.call('POST', CM, configMap('not-me'));
    await api.call('POST', CM, configMap('me'));
    expect((await w.next())).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'me' } } });
    await w.close();
  });

  it('answers 410 Gone with a Status for a compacted revision', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    await api.call('POST', CM, configMap('b'));
    await api.ctx.changes!.compact(new Date(Date.now() + 1000));
    const res = await api.call('GET', `${CM}?watch=true&resourceVersion=1`);
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    expect(res.body.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('ends the stream at timeoutSeconds', async () => {
    const api = await testApi();
    const rv = (await api.call('GET', CM)).body.metadata.resourceVersion;
    const w = await api.watch(`${CM}?watch=true&resourceVersion=${rv}&timeoutSeconds=0`);
    expect(await w.next()).toBeUndefined();
  });

  it('rejects a malformed resourceVersion', async () => {
    const api = await testApi();
    expect((await api.call('GET', `${CM}?watch=true&resourceVersion=abc`)).status).toBe(400);
  });
});
