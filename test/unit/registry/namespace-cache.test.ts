import { describe, expect, it } from 'vitest';
import { NamespaceCache } from '../../../lib/registry/generic/namespace-cache.ts';
import { configMap, testApi } from '../../support/test-api.ts';

describe('namespace admission cache', () => {
  it('trusts an Active namespace for its TTL only, and forgets on request', () => {
    const cache = new NamespaceCache(2000);
    expect(cache.isActive('team', 0)).toBe(false);
    cache.sawActive('team', 1000);
    expect(cache.isActive('team', 2999)).toBe(true);
    expect(cache.isActive('team', 3000)).toBe(false);
    cache.sawActive('team', 4000);
    cache.forget('team');
    expect(cache.isActive('team', 4001)).toBe(false);
  });

  it('serves repeated creates from the cache, and stops once this process terminates the namespace', async () => {
    const api = await testApi();
    api.ctx.namespaces = new NamespaceCache();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect((await api.call('POST', '/api/v1/namespaces/team/configmaps', configMap('a'))).status).toBe(201);
    expect(api.ctx.namespaces.isActive('team', Date.now())).toBe(true);
    expect((await api.call('DELETE', '/api/v1/namespaces/team')).status).toBe(202);
    const refused = await api.call('POST', '/api/v1/namespaces/team/configmaps', configMap('b'));
    expect(refused.status).toBe(403);
    expect(refused.body.details.causes[0].reason).toBe('NamespaceTerminating');
  });
});
