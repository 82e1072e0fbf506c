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

describe('namespace admission cache reads', () => {
  it('shares one read among callers that ask while it runs, and reads again afterwards', async () => {
    const cache = new NamespaceCache();
    let loads = 0;
    let release!: (v: string) => void;
    const load = () => { loads++; return new Promise<string>((r) => (release = r)); };
    const first = cache.read('team', load);
    const second = cache.read('team', load);
    release('Active');
    expect(await Promise.all([first, second])).toEqual(['Active', 'Active']);
    expect(loads).toBe(1);
    const third = cache.read('team', load);
    release('Terminating');
    expect(await third).toBe('Terminating');
    expect(loads).toBe(2);
  });

  it('gives a failed read to every caller that shared it, and does not keep it', async () => {
    const cache = new NamespaceCache();
    let loads = 0;
    const failing = () => { loads++; return Promise.reject(new Error('gone')); };
    await expect(Promise.all([cache.read('team', failing), cache.read('team', failing)])).rejects.toThrow('gone');
    expect(loads).toBe(1);
    await expect(cache.read('team', async () => 'Active')).resolves.toBe('Active');
  });
});
