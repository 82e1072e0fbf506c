// Bad input gets a clear 4xx Status and nothing is written.
import { describe, expect, it } from 'vitest';
import { configMap, testApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';

async function names(api: Awaited<ReturnType<typeof testApi>>): Promise<string[]> {
  return (await api.call('GET', CM)).body.items.map((i: any) => i.metadata.name);
}

describe('decoding and field validation', () => {
  it('Strict rejects unknown fields naming them, and writes nothing', async () => {
    const api = await testApi();
    const res = await api.call('POST', `${CM}?fieldValidation=Strict`, { ...configMap('a'), spec: { foo: 1 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(res.body.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"');
    expect(await names(api)).toEqual([]);
  });

  it('Warn stores the object and returns a Warning header; Ignore says nothing', async () => {
    const api = await testApi();
    const warn = await api.call('POST', `${CM}?fieldValidation=Warn`, { ...configMap('a'), bogus: true });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    const ignore = await api.call('POST', CM, { ...configMap('b'), bogus: true });
    expect(ignore.status).toBe(201);
    expect(ignore.headers.get('warning')).toBeNull();
  });

  it('Strict rejects duplicate fields in JSON and YAML', async () => {
    const api = await testApi();
    const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"}}';
    const res = await api.call('POST', `${CM}?fieldValidation=Strict`, json);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('duplicate field "metadata.name"');
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: one\n  k: two\n';
    const y = await api.call('POST', `${CM}?fieldValidation=Strict`, yaml, { 'content-type': 'application/yaml' });
    expect(y.status).toBe(400);
    expect(y.body.message).toContain('duplicate');
    expect(await names(api)).toEqual([]);
  });

  it('accepts YAML bodies', async () => {
    const api = await testApi();
    const res = await api.call('POST', CM, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n', { 'content-type': 'application/yaml' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ k: 'v' });
  });

  it.each([
    ['malformed JSON', '{"apiVersion": "v1", ', 'application/json', 400, /not valid JSON/],
    ['malformed YAML', 'metadata: [unclosed', 'application/yaml', 400, /not valid YAML/],
    ['a JSON array', '[1,2]', 'application/json', 400, /must be a JSON object/],
    ['an empty body', '', 'application/json', 400, /empty/],
    ['a wrong type', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":"nope"}', 'application/json', 400, /cannot be handled as a ConfigMap/],
    ['a mismatched kind', '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}}', 'application/json', 400, /does not match the expected kind/],
    ['an unknown media type', 'x', 'text/plain', 415, /unknown format/],
  ])('rejects %s with a clear %s', async (_what, body, contentType, code, message) => {
    const api = await testApi();
    const res = await api.call('POST', CM, body, { 'content-type': contentType });
    expect(res.status).toBe(code);
    expect(res.body.kind).toBe('Status');
    expect(res.body.message).toMatch(message);
    expect(await names(api)).toEqual([]);
  });

  it('refuses bodies over 3 MiB with 413', async () => {
    const api = await testApi();
    const res = await api.call('POST', CM, configMap('big', { blob: 'x'.repeat(3 * 1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge' });
  });

  it('hides internal errors behind a 500 Status and logs them with the request id', async () => {
    const api = await testApi();
    const failing = await testApi({
      get: async () => { throw new Error('secret detail: arn:aws:dynamodb:table/x'); },
      list: async () => { throw new Error('secret detail'); },
      create: async () => { throw new Error('secret detail'); },
      update: async () => { throw new Error('secret detail'); },
      delete: async () => { throw new Error('secret detail'); },
      currentRevision: async () => '0',
    });
    void api;
    const res = await failing.call('GET', `${CM}/a`);
    expect(res.status).toBe(500);
    expect(res.body.reason).toBe('InternalError');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const logged = failing.logs.find((l) => l['msg'] === 'internal error');
    expect(logged?.['error']).toContain('secret detail');
    expect(res.body.message).toContain(String(logged?.['requestId']));
  });
});
