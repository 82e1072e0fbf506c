// REST semantics through the Hono app on the in-memory store.
import { describe, expect, it } from 'vitest';
import { configMap, testApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';

describe('apiserver basics', () => {
  it('refuses requests without a valid token with a 401 Status', async () => {
    const api = await testApi();
    const res = await api.call('GET', CM, undefined, { authorization: '' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
    const forged = await api.call('GET', CM, undefined, { authorization: `Bearer ${api.token.slice(0, -2)}xx` });
    expect(forged.status).toBe(401);
  });

  it('serves /version as Kubernetes 1.32 and health checks without auth', async () => {
    const api = await testApi();
    const v = await api.call('GET', '/version');
    expect(v.body).toMatchObject({ major: '1', minor: '32' });
    expect((await api.call('GET', '/healthz', undefined, { authorization: '' })).status).toBe(200);
  });

  it('answers unknown paths and resources with a 404 Status', async () => {
    const api = await testApi();
    for (const path of ['/nope', '/api/v1/namespaces/default/widgets', '/apis/example.com/v1/things']) {
      const res = await api.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    }
  });
});

describe('create, get, list, update, delete', () => {
  it('creates and reads back a ConfigMap with server-set metadata', async () => {
    const api = await testApi();
    const created = await api.call('POST', CM, configMap('a'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ name: 'a', namespace: 'default' });
    // ConfigMaps have no generation in kube 1.32 (only some kinds' strategies set one).
    expect(created.body.metadata).not.toHaveProperty('generation');
    expect(created.body.metadata.uid).toBeTruthy();
    const got = await api.call('GET', `${CM}/a`);
    expect(got.body).toEqual(created.body);
    const list = await api.call('GET', CM);
    expect(list.body).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1', items: [{ metadata: { name: 'a' } }] });
    expect(Number(list.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(created.body.metadata.resourceVersion));
  });

  it('reports a missing object with kube-apiserver wording', async () => {
    const api = await testApi();
    const res = await api.call('GET', `${CM}/ghost`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ reason: 'NotFound', message: 'configmaps "ghost" not found', details: { name: 'ghost', kind: 'configmaps' } });
  });

  it('refuses a duplicate create with AlreadyExists', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    const again = await api.call('POST', CM, configMap('a'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "a" already exists' });
  });

  it('needs the namespace to exist, and the body namespace to match the URL', async () => {
    const api = await testApi();
    const missing = await api.call('POST', '/api/v1/namespaces/nope/configmaps', configMap('a'));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nope" not found');
    const mismatch = await api.call('POST', CM, configMap('a', {}, { namespace: 'kube-system' }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('does not match the namespace sent on the request');
  });

  it('rejects an invalid name with 422 and a cause per field, writing nothing', async () => {
    const api = await testApi();
    const res = await api.call('POST', CM, configMap('Bad_Name'));
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(res.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    expect((await api.call('GET', CM)).body.items).toEqual([]);
  });

  it('generates names from generateName', async () => {
    const api = await testApi();
    const res = await api.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('updates with optimistic concurrency: a stale resourceVersion gets kube\'s 409', async () => {
    const api = await testApi();
    const created = (await api.call('POST', CM, configMap('a'))).body;
    const updated = await api.call('PUT', `${CM}/a`, { ...created, data: { k: 'v2' } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ k: 'v2' });
    const stale = await api.call('PUT', `${CM}/a`, { ...created, data: { k: 'v3' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    });
    const unconditional = await api.call('PUT', `${CM}/a`, { ...configMap('a', { k: 'v4' }) });
    expect(unconditional.status).toBe(200);
    expect(unconditional.body.metadata.uid).toBe(created.metadata.uid);
  });

  it('deletes, and deleting again is NotFound', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    const del = await api.call('DELETE', `${CM}/a`, { propagationPolicy: 'Background' });
    expect(del.status).toBe(200);
    expect(del.body.metadata.name).toBe('a');
    expect((await api.call('GET', `${CM}/a`)).status).toBe(404);
    expect((await api.call('DELETE', `${CM}/a`)).status).toBe(404);
  });

  it('only marks an object with finalizers, and removes it with the last finalizer', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('f', {}, { finalizers: ['example.com/hold'] }));
    const del = await api.call('DELETE', `${CM}/f`);
    expect(del.status).toBe(202);
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    const patched = await api.call('PATCH', `${CM}/f`, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect((await api.call('GET', `${CM}/f`)).status).toBe(404);
  });

  it('dryRun=All runs everything and persists nothing', async () => {
    const api = await testApi();
    const res = await api.call('POST', `${CM}?dryRun=All`, configMap('dry'));
    expect(res.status).toBe(201);
    expect(res.body.metadata.uid).toBeTruthy();
    expect((await api.call('GET', `${CM}/dry`)).status).toBe(404);
    const bad = await api.call('POST', `${CM}?dryRun=All`, configMap('Bad_Name'));
    expect(bad.status).toBe(422);
  });

  it('deletes a collection by label', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a', {}, { labels: { app: 'x' } }));
    await api.call('POST', CM, configMap('b', {}, { labels: { app: 'y' } }));
    const res = await api.call('DELETE', `${CM}?labelSelector=app%3Dx`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.metadata.name)).toEqual(['a']);
    expect((await api.call('GET', CM)).body.items.map((i: any) => i.metadata.name)).toEqual(['b']);
  });
});
