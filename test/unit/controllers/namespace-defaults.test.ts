import { describe, expect, it } from 'vitest';
import { namespaceController } from '../../../lib/controllers/namespace/controller.ts';
import { ROOT_CA_DESCRIPTION, planNamespaceDefaults } from '../../../lib/controllers/namespace/defaults-plan.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { testApi } from '../../support/test-api.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const ns = (o: { deleting?: boolean; phase?: string } = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Namespace',
  metadata: { name: 'team', ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  ...(o.phase ? { status: { phase: o.phase } } : {}),
});
const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'team' } };
const cm = (data: Record<string, string>, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'team', resourceVersion: '7', labels: { keep: 'me' }, ...(annotations ? { annotations } : {}) }, data });
const described = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION };

describe('planNamespaceDefaults', () => {
  const plan = (state: Partial<Parameters<typeof planNamespaceDefaults>[0]>) =>
    planNamespaceDefaults({ namespace: ns(), serviceAccount: undefined, rootCaConfigMap: undefined, rootCaPem: PEM, ...state })
      .map((w) => `${w.verb} ${w.resource}`);

  it.each([
    ['a new namespace gets both', {}, ['create serviceaccounts', 'create configmaps']],
    ['both present and right: nothing', { serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': PEM }, described) }, []],
    ['a user-worded description is kept', { serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': PEM }, { 'kubernetes.io/description': 'ours' }) }, []],
    ['no CA bundle: only the ServiceAccount', { rootCaPem: undefined }, ['create serviceaccounts']],
    ['edited data is restored', { serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': 'forged' }, described) }, ['update configmaps']],
    ['an added key is removed', { serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': PEM, extra: 'x' }, described) }, ['update configmaps']],
    ['a removed description is restored', { serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': PEM }) }, ['update configmaps']],
    ['a deleted ServiceAccount comes back', { rootCaConfigMap: cm({ 'ca.crt': PEM }, described) }, ['create serviceaccounts']],
    ['a Terminating namespace gets nothing', { namespace: ns({ deleting: true }) }, []],
    ['a namespace in phase Terminating gets nothing', { namespace: ns({ phase: 'Terminating' }) }, []],
    ['a gone namespace gets nothing', { namespace: undefined }, []],
  ] as const)('%s', (_name, state, want) => {
    expect(plan(state as Partial<Parameters<typeof planNamespaceDefaults>[0]>)).toEqual(want);
  });

  it('creates the objects kube does', () => {
    const writes = planNamespaceDefaults({ namespace: ns(), serviceAccount: undefined, rootCaConfigMap: undefined, rootCaPem: PEM });
    expect(writes.map((w) => w.obj)).toEqual([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'team' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'team', annotations: described }, data: { 'ca.crt': PEM } },
    ]);
  });

  it('restores the data and description but keeps labels, other annotations and the revision it read', () => {
    const [write] = planNamespaceDefaults({ namespace: ns(), serviceAccount: sa, rootCaConfigMap: cm({ 'ca.crt': 'forged', x: 'y' }, { other: 'a' }), rootCaPem: PEM });
    expect(write?.obj).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: 'team', resourceVersion: '7', labels: { keep: 'me' }, annotations: { other: 'a', ...described } },
      data: { 'ca.crt': PEM },
    });
  });
});

describe('namespace controller: defaults', () => {
  const key = { group: '', resource: 'namespaces', name: 'team' };
  const signal = () => new AbortController().signal;

  it('gives a live namespace its ServiceAccount and root CA, and restores them', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const controller = namespaceController(api.ctx, { rootCaPem: PEM });
    expect(await controller.reconcile(key, signal())).toEqual({});
    expect((await api.call('GET', '/api/v1/namespaces/team/serviceaccounts/default')).status).toBe(200);
    const created = (await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).body;
    expect(created.data).toEqual({ 'ca.crt': PEM });
    expect(created.metadata.annotations).toEqual(described);
    // Recorded as kube-controller-manager's, as a real cluster shows them.
    expect(created.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(['kube-controller-manager']);

    expect((await api.call('DELETE', '/api/v1/namespaces/team/serviceaccounts/default')).status).toBe(200);
    await api.call('PATCH', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt', { data: { 'ca.crt': 'forged' } }, { 'content-type': 'application/merge-patch+json' });
    await controller.reconcile(key, signal());
    expect((await api.call('GET', '/api/v1/namespaces/team/serviceaccounts/default')).status).toBe(200);
    expect((await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).body.data).toEqual({ 'ca.crt': PEM });

    // A second pass over a namespace that has everything writes nothing.
    const rv = (await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).body.metadata.resourceVersion;
    await controller.reconcile(key, signal());
    expect((await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).body.metadata.resourceVersion).toBe(rv);
  });

  it('publishes no ConfigMap without a CA bundle', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await namespaceController(api.ctx).reconcile(key, signal());
    expect((await api.call('GET', '/api/v1/namespaces/team/serviceaccounts/default')).status).toBe(200);
    expect((await api.call('GET', '/api/v1/namespaces/team/configmaps/kube-root-ca.crt')).status).toBe(404);
  });

  it('deletes the defaults with a Terminating namespace and does not bring them back', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const controller = namespaceController(api.ctx, { rootCaPem: PEM });
    await controller.reconcile(key, signal());
    expect((await api.call('DELETE', '/api/v1/namespaces/team')).status).toBe(202);
    expect(await controller.reconcile(key, signal())).toEqual({});
    expect((await api.call('GET', '/api/v1/namespaces/team')).status).toBe(404);
    expect((await api.call('GET', '/api/v1/namespaces/team/serviceaccounts')).body.items).toEqual([]);
    expect((await api.call('GET', '/api/v1/namespaces/team/configmaps')).body.items).toEqual([]);
  });
});
