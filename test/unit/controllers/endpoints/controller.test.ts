// The endpoints reconciler on the in-memory store, keys handed over directly.
import { describe, expect, it } from 'vitest';
import { endpointsController } from '../../../../lib/controllers/endpoints/controller.ts';
import { listReservations } from '../../../../lib/registry/clusterip/ip-reservations.ts';
import type { WorkKey } from '../../../../lib/pipeline/work-key.ts';
import { testApi, type TestApi } from '../../../support/test-api.ts';

const SVC = '/api/v1/namespaces/default/services';
const EP = '/api/v1/namespaces/default/endpoints';
const PODS = '/api/v1/namespaces/default/pods';
const MERGE = { 'content-type': 'application/merge-patch+json' };
const signal = new AbortController().signal;
const svcKey = (name: string): WorkKey => ({ group: '', resource: 'services', namespace: 'default', name });
const podKey = (name: string): WorkKey => ({ group: '', resource: 'pods', namespace: 'default', name });

async function runningPod(api: TestApi, name: string, ip: string, ready: boolean, labels = { app: 'web' }) {
  await api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] } });
  await api.call('POST', `${PODS}/${name}/binding`, { target: { name: 'node-1' } });
  await setReady(api, name, ip, ready);
}

async function setReady(api: TestApi, name: string, ip: string, ready: boolean) {
  const res = await api.call('PATCH', `${PODS}/${name}/status`, { status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, MERGE);
  expect(res.status).toBe(200);
}

async function webService(api: TestApi) {
  const res = await api.call('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { team: 'a' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  expect(res.status).toBe(201);
}

const ips = (list: { ip: string }[] | undefined) => (list ?? []).map((a) => a.ip);

describe('endpoints controller', () => {
  it('writes a Service’s Endpoints and follows pod readiness, relabeling and deletion', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx);
    await webService(api);
    await runningPod(api, 'a', '10.1.0.1', true);
    await runningPod(api, 'b', '10.1.0.2', false);
    expect(await ec.reconcile(svcKey('web'), signal)).toEqual({});
    let ep = (await api.call('GET', `${EP}/web`)).body;
    expect(ep.metadata.labels).toEqual({ team: 'a' });
    expect(ep.subsets).toHaveLength(1);
    expect(ips(ep.subsets[0].addresses)).toEqual(['10.1.0.1']);
    expect(ips(ep.subsets[0].notReadyAddresses)).toEqual(['10.1.0.2']);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ep.subsets[0].addresses[0]).toMatchObject({ nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a' } });

    await setReady(api, 'b', '10.1.0.2', true);
    await ec.reconcile(podKey('b'), signal);
    ep = (await api.call('GET', `${EP}/web`)).body;
    expect(ips(ep.subsets[0].addresses)).toEqual(['10.1.0.1', '10.1.0.2']);
    expect(ep.subsets[0].notReadyAddresses).toBeUndefined();

    // Relabeled away: found through the Endpoints that list it.
    await api.call('PATCH', `${PODS}/a`, { metadata: { labels: { app: 'other' } } }, MERGE);
    await ec.reconcile(podKey('a'), signal);
    expect(ips((await api.call('GET', `${EP}/web`)).body.subsets[0].addresses)).toEqual(['10.1.0.2']);

    await api.call('DELETE', `${PODS}/b`, { gracePeriodSeconds: 0 });
    await ec.reconcile(podKey('b'), signal);
    expect((await api.call('GET', `${EP}/web`)).body.subsets).toBeUndefined();
  });

  it('rewrites nothing when nothing changed', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx);
    await webService(api);
    await runningPod(api, 'a', '10.1.0.1', true);
    await ec.reconcile(svcKey('web'), signal);
    const before = (await api.call('GET', `${EP}/web`)).body.metadata.resourceVersion;
    await ec.reconcile(svcKey('web'), signal);
    await ec.reconcile(podKey('a'), signal);
    expect((await api.call('GET', `${EP}/web`)).body.metadata.resourceVersion).toBe(before);
  });

  it('leaves the Endpoints of a Service without a selector alone, and deletes a deleted Service’s', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx);
    await api.call('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    const manual = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80 }] }] };
    expect((await api.call('POST', EP, manual)).status).toBe(201);
    await ec.reconcile(svcKey('manual'), signal);
    expect(ips((await api.call('GET', `${EP}/manual`)).body.subsets[0].addresses)).toEqual(['192.168.1.1']);

    await webService(api);
    await ec.reconcile(svcKey('web'), signal);
    expect((await api.call('GET', `${EP}/web`)).status).toBe(200);
    await api.call('DELETE', `${SVC}/web`);
    await ec.reconcile(svcKey('web'), signal);
    expect((await api.call('GET', `${EP}/web`)).status).toBe(404);
  });

  it('releases a deleted Service’s ClusterIP after the grace period, and re-reserves a live one’s', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx, { reservationGraceMs: 0 });
    await webService(api);
    await api.call('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'keep' }, spec: { selector: { app: 'keep' }, ports: [{ port: 80 }] } });
    expect(await listReservations(api.ctx.store)).toHaveLength(2);
    await api.call('DELETE', `${SVC}/web`);
    expect(await ec.reconcile(svcKey('web'), signal)).toEqual({});
    const left = await listReservations(api.ctx.store);
    expect(left.map((r) => r.parent?.name)).toEqual(['keep']);

    // A reservation that went missing is restored, so its address is not handed out again.
    await api.ctx.store.delete({ resource: { group: 'networking.k8s.io', resource: 'ipaddresses' }, name: left[0]!.ip });
    await ec.reconcile(svcKey('keep'), signal);
    expect((await listReservations(api.ctx.store)).map((r) => r.ip)).toEqual([left[0]!.ip]);
  });

  it('waits out the grace period before releasing a young reservation', async () => {
    const api = await testApi();
    const ec = endpointsController(api.ctx, { reservationGraceMs: 60_000 });
    await webService(api);
    await api.call('DELETE', `${SVC}/web`);
    const result = await ec.reconcile(svcKey('web'), signal);
    expect(result?.requeueAfterMs).toBeGreaterThan(0);
    expect(result?.requeueAfterMs).toBeLessThanOrEqual(60_000);
    expect(await listReservations(api.ctx.store)).toHaveLength(1);
  });
});
