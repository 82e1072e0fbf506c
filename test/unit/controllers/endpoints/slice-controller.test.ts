// The endpoints reconciler's EndpointSlices on the in-memory store, through the apiserver
// (so what kubectl would read is what is checked), keys handed over directly.
import { describe, expect, it } from 'vitest';
import { endpointsController } from '../../../../lib/controllers/endpoints/controller.ts';
import type { WorkKey } from '../../../../lib/pipeline/work-key.ts';
import { testApi, type TestApi } from '../../../support/test-api.ts';

const SVC = '/api/v1/namespaces/default/services';
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const PODS = '/api/v1/namespaces/default/pods';
const MERGE = { 'content-type': 'application/merge-patch+json' };
const signal = new AbortController().signal;
const svcKey: WorkKey = { group: '', resource: 'services', namespace: 'default', name: 'web' };
const podKey = (name: string): WorkKey => ({ group: '', resource: 'pods', namespace: 'default', name });

async function runningPod(api: TestApi, name: string, ip: string, ready: boolean) {
  await api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] } });
  await api.call('POST', `${PODS}/${name}/binding`, { target: { name: 'node-1' } });
  const res = await api.call('PATCH', `${PODS}/${name}/status`, { status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, MERGE);
  expect(res.status).toBe(200);
}

async function slices(api: TestApi) {
  const res = await api.call('GET', `${SLICES}?labelSelector=kubernetes.io%2Fservice-name%3Dweb`);
  expect(res.status).toBe(200);
  return res.body.items as { metadata: { name: string; uid: string; resourceVersion: string; ownerReferences: { uid: string }[] }; endpoints: { addresses: string[]; conditions: Record<string, boolean> }[]; ports?: unknown[] }[];
}

describe('endpoints controller: EndpointSlices', () => {
  it('keeps one slice per Service in step with its pods, and puts back a deleted one', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx);
    const svc = await api.call('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    await runningPod(api, 'a', '10.1.0.1', true);
    await runningPod(api, 'b', '10.1.0.2', false);
    await ec.reconcile(svcKey, signal);
    let [slice, ...more] = await slices(api);
    expect(more).toEqual([]);
    expect(slice!.metadata.ownerReferences[0]!.uid).toBe(svc.body.metadata.uid);
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions['ready']])).toEqual([['10.1.0.1', true], ['10.1.0.2', false]]);

    // Unchanged: not rewritten.
    const rv = slice!.metadata.resourceVersion;
    await ec.reconcile(svcKey, signal);
    expect((await slices(api))[0]!.metadata.resourceVersion).toBe(rv);

    // A terminating pod stays, marked terminating; once gone it is found through the slice.
    await api.call('DELETE', `${PODS}/a`);
    await ec.reconcile(podKey('a'), signal);
    expect((await slices(api))[0]!.endpoints[0]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
    await api.call('DELETE', `${PODS}/a`, { gracePeriodSeconds: 0 });
    await ec.reconcile(podKey('a'), signal);
    expect((await slices(api))[0]!.endpoints.map((e) => e.addresses[0])).toEqual(['10.1.0.2']);

    // Deleted by someone: the Service's key (routed from the slice's deletion) puts it back.
    [slice] = await slices(api);
    await api.call('DELETE', `${SLICES}/${slice!.metadata.name}`);
    await ec.reconcile(svcKey, signal);
    expect((await slices(api)).map((s) => s.metadata.name)).toEqual([slice!.metadata.name]);

    // The Service goes: so do its slices.
    await api.call('DELETE', `${SVC}/web`);
    await ec.reconcile(svcKey, signal);
    expect(await slices(api)).toEqual([]);
  });
});
