// Server-side apply through the HTTP layer: create, re-apply, conflicts, force, pruning,
// dry run, and managedFields recorded for ordinary writes.
import { describe, expect, it } from 'vitest';
import { testApi } from '../../support/test-api.ts';

const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const MERGE = { 'content-type': 'application/merge-patch+json' };

function manifest(replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
${extra}`;
}

describe('server-side apply', () => {
  it('creates (201), then updates (200), recording one Apply entry', async () => {
    const api = await testApi();
    const created = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl&fieldValidation=Strict&force=false`, manifest(1), APPLY);
    expect(created.status).toBe(201);
    expect(created.body.spec.replicas).toBe(1);
    expect(created.body.spec.revisionHistoryLimit).toBe(10); // defaults still run
    expect(created.body.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' }),
    ]);
    expect(created.body.metadata.managedFields[0].fieldsV1['f:spec']['f:replicas']).toEqual({});
    expect(created.body.metadata.managedFields[0].fieldsV1['f:spec']).not.toHaveProperty('f:revisionHistoryLimit');

    const again = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1), APPLY);
    expect(again.status).toBe(200);
    expect(again.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);

    const updated = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(2), APPLY);
    expect(updated.body.spec.replicas).toBe(2);
    expect(updated.body.metadata.generation).toBe(2);
  });

  it('requires a fieldManager, as kube-apiserver does', async () => {
    const api = await testApi();
    const res = await api.call('PATCH', `${DEPLOYS}/web`, manifest(1), APPLY);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('refuses force on other patch types and managedFields in a configuration', async () => {
    const api = await testApi();
    await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1), APPLY);
    const forced = await api.call('PATCH', `${DEPLOYS}/web?force=true`, { spec: { replicas: 3 } }, MERGE);
    expect(forced.status).toBe(422);
    expect(forced.body.message).toContain('force: Forbidden: may not be specified for non-apply patch');
    const withFields = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=x`, `${manifest(1)}`.replace('  name: web', '  name: web\n  managedFields: []'), APPLY);
    expect(withFields.status).toBe(400);
    expect(withFields.body.message).toBe('metadata.managedFields must be nil');
  });

  it('conflicts with a manager that changed a field, and force takes it over', async () => {
    const api = await testApi();
    await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1), APPLY);
    await api.call('PATCH', `${DEPLOYS}/web/scale?fieldManager=kubectl-scale`, { spec: { replicas: 3 } }, MERGE);

    const conflict = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1), APPLY);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      kind: 'Status', reason: 'Conflict', code: 409,
      message: 'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', field: '.spec.replicas', message: 'conflict with "kubectl-scale" with subresource "scale" using apps/v1' }] },
    });

    const forced = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl&force=true`, manifest(1), APPLY);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(1);
    expect(forced.body.metadata.managedFields.map((e: any) => e.manager)).toEqual(['kubectl']);
  });

  it('removes a field the applier stops setting, keeping list elements others set', async () => {
    const api = await testApi();
    const env = '        env:\n        - {name: A, value: "1"}\n        - {name: B, value: "2"}\n';
    await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1, env), APPLY);
    const sidecar = { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'C', value: '3' }] }] } } } };
    const patched = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=other`, sidecar, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(patched.status).toBe(200);
    const res = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1, '        env:\n        - {name: A, value: "1"}\n'), APPLY);
    expect(res.status).toBe(200);
    const env2 = res.body.spec.template.spec.containers[0].env;
    expect([...env2].sort((x: any, y: any) => x.name.localeCompare(y.name))).toEqual([{ name: 'A', value: '1' }, { name: 'C', value: '3' }]);
  });

  it('dryRun=All computes the result and stores nothing', async () => {
    const api = await testApi();
    const res = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl&dryRun=All`, manifest(1), APPLY);
    expect(res.status).toBe(201);
    expect(res.body.metadata.managedFields[0].manager).toBe('kubectl');
    expect((await api.call('GET', `${DEPLOYS}/web`)).status).toBe(404);
  });

  it('answers 400 for a configuration it cannot place', async () => {
    const api = await testApi();
    const res = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1).replace('      - name: web\n', '      - image: x\n'), APPLY);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('omits key field "name"');
  });

  it('applies to the status subresource, owning only status', async () => {
    const api = await testApi();
    await api.call('PATCH', `${DEPLOYS}/web?fieldManager=kubectl`, manifest(1), APPLY);
    const status = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nstatus:\n  observedGeneration: 1\n';
    const res = await api.call('PATCH', `${DEPLOYS}/web/status?fieldManager=ctrl`, status, APPLY);
    expect(res.status).toBe(200);
    expect(res.body.status.observedGeneration).toBe(1);
    expect(res.body.metadata.managedFields.find((e: any) => e.manager === 'ctrl')).toMatchObject({ operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': { 'f:observedGeneration': {} } } });
  });
});

describe('managedFields of ordinary writes', () => {
  it('records the fieldManager, or the User-Agent prefix, as an Update entry', async () => {
    const api = await testApi();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const created = await api.call('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', cm);
    expect(created.body.metadata.managedFields).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } },
    ]);
    const patched = await api.call('PATCH', '/api/v1/namespaces/default/configmaps/c', { data: { b: '2' } }, { ...MERGE, 'user-agent': 'kubectl/v1.32.4 (linux/amd64)' });
    // Entries sort by time (seconds), then manager: compare them as a map.
    expect(Object.fromEntries(patched.body.metadata.managedFields.map((e: any) => [e.manager, e.fieldsV1]))).toEqual({
      'kubectl-create': { 'f:data': { '.': {}, 'f:a': {} } },
      kubectl: { 'f:data': { 'f:b': {} } },
    });
  });
});
