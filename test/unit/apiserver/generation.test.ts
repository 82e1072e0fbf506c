// metadata.generation only on the kinds whose kube 1.32 strategy keeps one, moving by that
// kind's rule; every other kind never shows it, whatever the write.
import { describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';
const PODS = '/api/v1/namespaces/default/pods';
const SVC = '/api/v1/namespaces/default/services';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const MERGE = { 'content-type': 'application/merge-patch+json' };
const APPLY = { 'content-type': 'application/apply-patch+yaml' };

const generationOf = (obj: { metadata: { generation?: number } }) => obj.metadata.generation;

async function ok(api: TestApi, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await api.call(method, path, body, headers);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

function deployment(name: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
  };
}

function slice(name: string, ip: string): Record<string, unknown> {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4', endpoints: [{ addresses: [ip] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  };
}

describe('kinds without generation', () => {
  it('a ConfigMap has none after create, update, patch and apply', async () => {
    const api = await testApi();
    const seen = [await ok(api, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } })];
    seen.push(await ok(api, 'PUT', `${CM}/c`, { ...seen[0], data: { a: '2' } }));
    seen.push(await ok(api, 'PATCH', `${CM}/c`, { data: { a: '3' }, metadata: { labels: { x: 'y' } } }, MERGE));
    seen.push(await ok(api, 'PATCH', `${CM}/c?fieldManager=me&force=true`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '4' } }, APPLY));
    seen.push(await ok(api, 'PATCH', `${CM}/d?fieldManager=me`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' }, data: { a: '1' } }, APPLY));
    seen.push(await ok(api, 'GET', `${CM}/c`));
    expect(seen.map(generationOf)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('a Pod has none after create, update, status, binding and a finalizer-held delete', async () => {
    const api = await testApi();
    const created = await ok(api, 'POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: ['example.com/hold'] }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const seen = [created];
    seen.push(await ok(api, 'PATCH', `${PODS}/p`, { metadata: { labels: { a: 'b' } }, spec: { activeDeadlineSeconds: 30 } }, MERGE));
    seen.push(await ok(api, 'PATCH', `${PODS}/p/status`, { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } }, MERGE));
    await ok(api, 'POST', `${PODS}/p/binding`, { target: { name: 'node-1' } });
    seen.push(await ok(api, 'GET', `${PODS}/p`));
    await ok(api, 'DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 });
    seen.push(await ok(api, 'GET', `${PODS}/p`));
    expect(seen.at(-1).metadata.deletionTimestamp).toBeTruthy();
    expect(seen.map(generationOf)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('a Service has none after create, update and status', async () => {
    const api = await testApi();
    const seen = [await ok(api, 'POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } })];
    seen.push(await ok(api, 'PATCH', `${SVC}/s`, { spec: { ports: [{ port: 81 }] } }, MERGE));
    seen.push(await ok(api, 'PATCH', `${SVC}/s/status`, { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }, MERGE));
    expect(seen.map(generationOf)).toEqual([undefined, undefined, undefined]);
  });

  it("a client's generation: kept on create (kube's generic create never resets it), never changed by an update", async () => {
    const api = await testApi();
    const created = await ok(api, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', generation: 5 }, data: { a: '1' } });
    expect(created.metadata.generation).toBe(5);
    const updated = await ok(api, 'PUT', `${CM}/c`, { ...created, metadata: { ...created.metadata, generation: 9 }, data: { a: '2' } });
    expect(updated.metadata.generation).toBe(5);
    const fresh = await ok(api, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e' } });
    const patched = await ok(api, 'PATCH', `${CM}/e`, { metadata: { generation: 3 } }, MERGE);
    expect([fresh.metadata.generation, patched.metadata.generation]).toEqual([undefined, undefined]);
  });
});

describe('Deployment generation', () => {
  it('starts at 1 whatever the client sent, and moves on spec and annotation changes only', async () => {
    const api = await testApi();
    const created = await ok(api, 'POST', DEPLOY, { ...deployment('web'), metadata: { name: 'web', generation: 7 } });
    expect(created.metadata.generation).toBe(1);
    const labeled = await ok(api, 'PATCH', `${DEPLOY}/web`, { metadata: { labels: { a: 'b' } } }, MERGE);
    const status = await ok(api, 'PATCH', `${DEPLOY}/web/status`, { status: { observedGeneration: 1 } }, MERGE);
    expect([labeled, status].map(generationOf)).toEqual([1, 1]);
    const respecced = await ok(api, 'PATCH', `${DEPLOY}/web`, { spec: { replicas: 2 } }, MERGE);
    expect(respecced.metadata.generation).toBe(2);
    const scaled = await ok(api, 'PATCH', `${DEPLOY}/web/scale`, { spec: { replicas: 3 } }, MERGE);
    expect((await ok(api, 'GET', `${DEPLOY}/web`)).metadata.generation).toBe(3);
    expect(scaled.spec.replicas).toBe(3);
    // kube bumps on annotations too: they are copied to the Deployment's ReplicaSets.
    const annotated = await ok(api, 'PATCH', `${DEPLOY}/web`, { metadata: { annotations: { note: 'x' } } }, MERGE);
    expect(annotated.metadata.generation).toBe(4);
  });

  it('a status write may change annotations (how the controller records its revision) without a bump', async () => {
    const api = await testApi();
    const created = await ok(api, 'POST', DEPLOY, deployment('web'));
    const written = await ok(api, 'PUT', `${DEPLOY}/web/status`, {
      ...created, metadata: { ...created.metadata, labels: { sneaky: 'yes' }, annotations: { 'deployment.kubernetes.io/revision': '1' } }, spec: { ...created.spec, replicas: 5 }, status: { observedGeneration: 1 },
    });
    expect(written.metadata).toMatchObject({ generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } });
    expect(written.metadata.labels).toBeUndefined();
    expect(written.spec.replicas).toBe(1);
  });

  it('a finalizer-held delete bumps it once, as the deletionTimestamp appears', async () => {
    const api = await testApi();
    await ok(api, 'POST', DEPLOY, { ...deployment('web'), metadata: { name: 'web', finalizers: ['example.com/hold'] } });
    const marked = await ok(api, 'DELETE', `${DEPLOY}/web`);
    expect(marked.metadata).toMatchObject({ generation: 2, deletionTimestamp: expect.any(String) });
    const again = await ok(api, 'DELETE', `${DEPLOY}/web`);
    expect(again.metadata.generation).toBe(2);
  });
});

describe('EndpointSlice generation', () => {
  it('starts at 1 and moves when endpoints, ports or labels change, not on annotations', async () => {
    const api = await testApi();
    const created = await ok(api, 'POST', SLICES, slice('web-1', '10.0.0.1'));
    const annotated = await ok(api, 'PATCH', `${SLICES}/web-1`, { metadata: { annotations: { note: 'x' } } }, MERGE);
    const moved = await ok(api, 'PATCH', `${SLICES}/web-1`, { endpoints: [{ addresses: ['10.0.0.2'] }] }, MERGE);
    const ported = await ok(api, 'PATCH', `${SLICES}/web-1`, { ports: [{ name: 'http', port: 81, protocol: 'TCP' }] }, MERGE);
    const relabeled = await ok(api, 'PATCH', `${SLICES}/web-1`, { metadata: { labels: { extra: 'y' } } }, MERGE);
    expect([created, annotated, moved, ported, relabeled].map(generationOf)).toEqual([1, 1, 2, 3, 4]);
  });
});
