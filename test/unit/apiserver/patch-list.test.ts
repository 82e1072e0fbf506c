// PATCH of every type, and list selectors and paging, through the HTTP layer.
import { describe, expect, it } from 'vitest';
import { configMap, testApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';

describe('patch', () => {
  it.each([
    ['application/merge-patch+json', { metadata: { labels: { a: 'b' } }, data: { k: null, n: 'new' } }],
    ['application/strategic-merge-patch+json', { metadata: { labels: { a: 'b' } }, data: { k: null, n: 'new' } }],
    ['application/json-patch+json', [
      { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
      { op: 'remove', path: '/data/k' },
      { op: 'add', path: '/data/n', value: 'new' },
    ]],
  ])('applies %s', async (contentType, patch) => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    const res = await api.call('PATCH', `${CM}/a`, patch, { 'content-type': contentType });
    expect(res.status).toBe(200);
    expect(res.body.metadata.labels).toEqual({ a: 'b' });
    expect(res.body.data).toEqual({ n: 'new' });
  });

  it('drops labels and annotations once the last key is removed, as Go\'s omitempty does', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a', { k: 'v' }, { labels: { l: '1' }, annotations: {} }));
    const res = await api.call('PATCH', `${CM}/a`, { metadata: { labels: { l: null } } }, { 'content-type': 'application/merge-patch+json' });
    expect(res.status).toBe(200);
    expect(res.body.metadata).not.toHaveProperty('labels');
    expect(res.body.metadata).not.toHaveProperty('annotations');
    expect((await api.call('GET', `${CM}/a`)).body.metadata).not.toHaveProperty('labels');
  });

  it('answers 409 when the patch pins a stale resourceVersion', async () => {
    const api = await testApi();
    const created = (await api.call('POST', CM, configMap('a'))).body;
    await api.call('PATCH', `${CM}/a`, { data: { k: 'moved' } }, { 'content-type': 'application/merge-patch+json' });
    const res = await api.call('PATCH', `${CM}/a`, { metadata: { resourceVersion: created.metadata.resourceVersion }, data: { k: 'x' } }, { 'content-type': 'application/merge-patch+json' });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('Conflict');
  });

  it('rejects a patch that leaves an invalid object, and unknown fields under Strict', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    const invalid = await api.call('PATCH', `${CM}/a`, { metadata: { labels: { 'bad key!': 'x' } } }, { 'content-type': 'application/merge-patch+json' });
    expect(invalid.status).toBe(422);
    const unknown = await api.call('PATCH', `${CM}/a?fieldValidation=Strict`, { spec: { x: 1 } }, { 'content-type': 'application/merge-patch+json' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('unknown field "spec"');
    expect((await api.call('GET', `${CM}/a`)).body.metadata.labels).toBeUndefined();
  });

  it('answers a patch of a missing object with 404, and an unsupported patch type with 415', async () => {
    const api = await testApi();
    expect((await api.call('PATCH', `${CM}/nope`, {}, { 'content-type': 'application/merge-patch+json' })).status).toBe(404);
    await api.call('POST', CM, configMap('a'));
    expect((await api.call('PATCH', `${CM}/a`, {}, { 'content-type': 'application/json' })).status).toBe(415);
  });
});

describe('list', () => {
  async function seeded() {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    await api.call('POST', CM, configMap('a', {}, { labels: { env: 'dev', tier: 'web' } }));
    await api.call('POST', CM, configMap('b', {}, { labels: { env: 'prod', tier: 'web' } }));
    await api.call('POST', CM, configMap('c', {}, { labels: { env: 'test' } }));
    await api.call('POST', '/api/v1/namespaces/other/configmaps', configMap('d', {}, { labels: { env: 'dev' } }));
    return api;
  }
  const names = (res: { body: any }) => res.body.items.map((i: any) => i.metadata.name);

  it('filters with equality and set-based label selectors', async () => {
    const api = await seeded();
    expect(names(await api.call('GET', `${CM}?labelSelector=${encodeURIComponent('env in (dev,prod)')}`))).toEqual(['a', 'b']);
    expect(names(await api.call('GET', `${CM}?labelSelector=${encodeURIComponent('env!=dev,!tier')}`))).toEqual(['c']);
    expect(names(await api.call('GET', `/api/v1/configmaps?labelSelector=env%3Ddev`))).toEqual(['a', 'd']);
    const bad = await api.call('GET', `${CM}?labelSelector=${encodeURIComponent('env in dev')}`);
    expect(bad.status).toBe(400);
  });

  it('filters with field selectors and refuses unsupported fields', async () => {
    const api = await seeded();
    expect(names(await api.call('GET', `/api/v1/configmaps?fieldSelector=metadata.namespace%3Dother`))).toEqual(['d']);
    expect(names(await api.call('GET', `${CM}?fieldSelector=metadata.name!%3Da`))).toEqual(['b', 'c']);
    const bad = await api.call('GET', `${CM}?fieldSelector=data.k%3Dv`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('field label not supported: data.k');
  });

  it('pages with limit and continue', async () => {
    const api = await seeded();
    const first = await api.call('GET', `${CM}?limit=2`);
    expect(names(first)).toEqual(['a', 'b']);
    expect(first.body.metadata.continue).toBeTruthy();
    const second = await api.call('GET', `${CM}?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(names(second)).toEqual(['c']);
    expect(second.body.metadata.continue).toBeUndefined();
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    expect((await api.call('GET', `${CM}?limit=-1`)).status).toBe(400);
  });
});

describe('namespaces', () => {
  it('bootstraps the system namespaces', async () => {
    const api = await testApi();
    expect(names(await api.call('GET', '/api/v1/namespaces'))).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('a namespace with content turns Terminating and refuses new objects; an empty one goes at once', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'full' } });
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } });
    await api.call('POST', '/api/v1/namespaces/full/configmaps', configMap('x'));
    expect((await api.call('DELETE', '/api/v1/namespaces/empty')).status).toBe(200);
    expect((await api.call('GET', '/api/v1/namespaces/empty')).status).toBe(404);
    const del = await api.call('DELETE', '/api/v1/namespaces/full');
    expect(del.status).toBe(202);
    expect(del.body.status.phase).toBe('Terminating');
    const refused = await api.call('POST', '/api/v1/namespaces/full/configmaps', configMap('y'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('configmaps "y" is forbidden: unable to create new content in namespace full because it is being terminated');
  });

  function names(res: { body: any }) {
    return res.body.items.map((i: any) => i.metadata.name);
  }
});

describe('computed field selectors', () => {
  it('matches kube\'s computed values, such as an unset spec.hostNetwork reading "false"', async () => {
    const api = await testApi();
    const pod = (name: string, spec: Record<string, unknown> = {}) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
    });
    await api.call('POST', '/api/v1/namespaces/default/pods', pod('plain'));
    await api.call('POST', '/api/v1/namespaces/default/pods', pod('host', { hostNetwork: true }));
    const list = async (sel: string) => (await api.call('GET', `/api/v1/namespaces/default/pods?fieldSelector=${encodeURIComponent(sel)}`)).body.items.map((i: any) => i.metadata.name);
    expect(await list('spec.hostNetwork=false')).toEqual(['plain']);
    expect(await list('spec.hostNetwork=true')).toEqual(['host']);
    expect(await list('status.phase=Pending,spec.nodeName=')).toEqual(['host', 'plain']);
  });
});
