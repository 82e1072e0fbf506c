// The Deployment and ReplicaSet controllers' writes are recorded as kube-controller-manager's,
// and a first rollout leaves the Deployment at generation 1 (its revision annotation goes
// through status, as in kube), so `kubectl rollout status` sees observedGeneration catch up.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import { testApi } from '../../../support/test-api.ts';
import { deploymentManifest, Workloads } from './workloads-driver.ts';

type Entry = { manager: string; operation: string; subresource?: string; fieldsV1?: Record<string, unknown> };
const entries = (obj: KubeObject) => (obj.metadata.managedFields ?? []) as Entry[];
const who = (obj: KubeObject) => entries(obj).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`).sort();

describe('controllers write as kube-controller-manager', () => {
  it('after a rollout the ReplicaSet, its pods and the Deployment carry kube-controller-manager entries', async () => {
    const api = await testApi();
    const w = new Workloads(api);
    const res = await api.call('POST', '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create', deploymentManifest('web', 2, 'nginx:1'));
    expect(res.status).toBe(201);
    await w.rollOut('web');

    const [rs, ...others] = await w.replicaSets();
    expect(others).toEqual([]);
    expect(who(rs!)).toEqual(['kube-controller-manager/Update', 'kube-controller-manager/Update/status']);
    const pods = await w.activePods({ app: 'web' });
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(who(p)).toContain('kube-controller-manager/Update');

    const d = await w.deployment('web');
    expect(who(d)).toEqual(['kube-controller-manager/Update/status', 'kubectl-create/Update']);
    const statusEntry = entries(d).find((e) => e.subresource === 'status')!;
    expect(statusEntry.fieldsV1).toMatchObject({ 'f:metadata': { 'f:annotations': { 'f:deployment.kubernetes.io/revision': {} } }, 'f:status': {} });
    expect(d.metadata.generation).toBe(1);
    expect((d['status'] as { observedGeneration?: number }).observedGeneration).toBe(1);
  });
});
