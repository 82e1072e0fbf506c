import { describe, expect, it } from 'vitest';
import { namespaceController } from '../../../lib/controllers/namespace/controller.ts';
import { planNamespaceDeletion } from '../../../lib/controllers/namespace/plan.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { configMap, testApi } from '../../support/test-api.ts';

const ns = (deleting: boolean): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) } });
const item = (name: string, deleting = false) => ({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(deleting ? { deletionTimestamp: 't' } : {}) } } as KubeObject });

describe('planNamespaceDeletion', () => {
  it.each([
    ['a live namespace: nothing to do', ns(false), [item('a')], undefined],
    ['a gone namespace: nothing to do', undefined, [], undefined],
    ['deletes what is left', ns(true), [item('a'), item('b')], { deletes: [item('a'), item('b')], waitingFor: 0, finish: false, settleMs: 0 }],
    ['waits for what is already going', ns(true), [item('a', true), item('b')], { deletes: [item('b')], waitingFor: 1, finish: false, settleMs: 0 }],
    ['finishes an empty namespace', ns(true), [], { deletes: [], waitingFor: 0, finish: true, settleMs: 0 }],
  ])('%s', (_name, namespace, contents, expected) => {
    expect(planNamespaceDeletion(namespace, contents, Date.parse('2026-01-01T00:00:00Z'), 0)).toEqual(expected);
  });

  it('waits out the admission cache (and the whole second of deletionTimestamp) before the last look', () => {
    const deletedAt = Date.parse('2026-01-01T00:00:00Z');
    expect(planNamespaceDeletion(ns(true), [], deletedAt + 500, 2000)?.settleMs).toBe(2500);
    expect(planNamespaceDeletion(ns(true), [], deletedAt + 3000, 2000)?.settleMs).toBe(0);
    expect(planNamespaceDeletion(ns(true), [], deletedAt + 60_000, 2000)?.settleMs).toBe(0);
  });
});

describe('namespace controller', () => {
  it('empties a Terminating namespace and removes it', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await api.call('POST', '/api/v1/namespaces/team/configmaps', configMap('a'));
    await api.call('POST', '/apis/apps/v1/namespaces/team/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    });
    expect((await api.call('DELETE', '/api/v1/namespaces/team')).status).toBe(202);
    const result = await namespaceController(api.ctx).reconcile({ group: '', resource: 'namespaces', name: 'team' }, new AbortController().signal);
    expect(result).toEqual({});
    expect((await api.call('GET', '/api/v1/namespaces/team')).status).toBe(404);
    expect((await api.call('GET', '/api/v1/namespaces/team/configmaps')).body.items).toEqual([]);
  });

  it('waits for objects held by finalizers, then finishes when they go', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await api.call('POST', '/api/v1/namespaces/team/configmaps', configMap('held', {}, { finalizers: ['example.com/hold'] }));
    await api.call('DELETE', '/api/v1/namespaces/team');
    const key = { group: '', resource: 'namespaces', name: 'team' };
    const controller = namespaceController(api.ctx);
    expect(await controller.reconcile(key, new AbortController().signal)).toEqual({ requeueAfterMs: 2000 });
    expect((await api.call('GET', '/api/v1/namespaces/team')).body.status.phase).toBe('Terminating');
    await api.call('PATCH', '/api/v1/namespaces/team/configmaps/held', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(await controller.reconcile(key, new AbortController().signal)).toEqual({});
    expect((await api.call('GET', '/api/v1/namespaces/team')).status).toBe(404);
  });

  it('does not delete live namespaces (it gives them their defaults: namespace-defaults.test.ts)', async () => {
    const api = await testApi();
    expect(await namespaceController(api.ctx).reconcile({ group: '', resource: 'namespaces', name: 'default' }, new AbortController().signal)).toEqual({});
    expect((await api.call('GET', '/api/v1/namespaces/default')).status).toBe(200);
  });
});
