// status, scale and binding subresources; graceful pod deletion; generation rules.
import { describe, expect, it } from 'vitest';
import { testApi } from '../../support/test-api.ts';

const PODS = '/api/v1/namespaces/default/pods';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const MERGE = { 'content-type': 'application/merge-patch+json' };

function pod(name: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
}

function deployment(name: string, replicas = 2): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
  };
}

describe('status subresource', () => {
  it('a status write changes only status; a main write never changes status', async () => {
    const api = await testApi();
    const created = (await api.call('POST', PODS, pod('p'))).body;
    expect(created.status.phase).toBe('Pending');
    const statusWrite = await api.call('PUT', `${PODS}/p/status`, { ...created, metadata: { ...created.metadata, labels: { sneaky: 'yes' } }, status: { phase: 'Running' } });
    expect(statusWrite.status).toBe(200);
    expect(statusWrite.body.status.phase).toBe('Running');
    expect(statusWrite.body.metadata.labels).toBeUndefined();
    const mainWrite = await api.call('PATCH', `${PODS}/p`, { metadata: { labels: { a: 'b' } }, status: { phase: 'Failed' } }, MERGE);
    expect(mainWrite.body.status.phase).toBe('Running');
    expect(mainWrite.body.metadata.labels).toEqual({ a: 'b' });
    const patched = await api.call('PATCH', `${PODS}/p/status`, { status: { phase: 'Succeeded' } }, MERGE);
    expect(patched.body.status.phase).toBe('Succeeded');
    expect((await api.call('GET', `${PODS}/p/status`)).body.status.phase).toBe('Succeeded');
  });

  it('is 404 on kinds without it', async () => {
    const api = await testApi();
    await api.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect((await api.call('GET', '/api/v1/namespaces/default/configmaps/c/status')).status).toBe(404);
  });
});

describe('binding', () => {
  it('binds an unscheduled pod once, with a PodScheduled condition', async () => {
    const api = await testApi();
    await api.call('POST', PODS, pod('p'));
    const bind = await api.call('POST', `${PODS}/p/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'node-1' } });
    expect(bind.status).toBe(201);
    const bound = (await api.call('GET', `${PODS}/p`)).body;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'True' })]);
    const again = await api.call('POST', `${PODS}/p/binding`, { target: { name: 'node-2' } });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"');
  });
});

describe('pod deletion', () => {
  it('deletes an unscheduled pod at once', async () => {
    const api = await testApi();
    await api.call('POST', PODS, pod('p'));
    expect((await api.call('DELETE', `${PODS}/p`)).status).toBe(200);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(404);
  });

  it('marks a scheduled pod for its grace period, and grace 0 removes it', async () => {
    const api = await testApi();
    await api.call('POST', PODS, pod('p'));
    await api.call('POST', `${PODS}/p/binding`, { target: { name: 'node-1' } });
    const marked = await api.call('DELETE', `${PODS}/p`, {});
    expect(marked.status).toBe(202);
    expect(marked.body.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(Date.parse(marked.body.metadata.deletionTimestamp)).toBeGreaterThan(Date.now() + 20_000);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(200);
    const forced = await api.call('DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 });
    expect(forced.status).toBe(200);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(404);
  });
});

describe('scale subresource and generation', () => {
  it('reads and writes replicas through Scale without touching the template', async () => {
    const api = await testApi();
    const created = (await api.call('POST', DEPLOY, deployment('web'))).body;
    expect(created.metadata.generation).toBe(1);
    const scale = await api.call('GET', `${DEPLOY}/web/scale`);
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=web' } });
    const patched = await api.call('PATCH', `${DEPLOY}/web/scale`, { spec: { replicas: 5 } }, MERGE);
    expect(patched.body.spec.replicas).toBe(5);
    const after = (await api.call('GET', `${DEPLOY}/web`)).body;
    expect(after.spec.replicas).toBe(5);
    expect(after.metadata.generation).toBe(2);
    const stale = await api.call('PUT', `${DEPLOY}/web/scale`, { ...scale.body, spec: { replicas: 1 } });
    expect(stale.status).toBe(409);
    const fresh = (await api.call('GET', `${DEPLOY}/web/scale`)).body;
    const put = await api.call('PUT', `${DEPLOY}/web/scale`, { ...fresh, spec: { replicas: 1 } }, { 'content-type': '' });
    expect(put.status).toBe(200);
    expect(put.body.spec.replicas).toBe(1);
  });

  it('bumps generation on spec changes only', async () => {
    const api = await testApi();
    await api.call('POST', DEPLOY, deployment('web'));
    const labeled = await api.call('PATCH', `${DEPLOY}/web`, { metadata: { labels: { x: 'y' } } }, MERGE);
    expect(labeled.body.metadata.generation).toBe(1);
    const status = await api.call('PATCH', `${DEPLOY}/web/status`, { status: { observedGeneration: 1 } }, MERGE);
    expect(status.body.metadata.generation).toBe(1);
    const image = await api.call('PATCH', `${DEPLOY}/web`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(image.body.metadata.generation).toBe(2);
    expect(image.body.spec.template.spec.containers).toHaveLength(1);
  });

  it('refuses a Deployment whose selector does not match its template', async () => {
    const api = await testApi();
    const bad = deployment('web');
    (bad['spec'] as any).template.metadata.labels = { app: 'other' };
    const res = await api.call('POST', DEPLOY, bad);
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('`selector` does not match template `labels`');
  });
});

describe('updates during a grace period', () => {
  it('keep a terminating pod until its node deletes it with grace 0', async () => {
    const api = await testApi();
    await api.call('POST', PODS, pod('p'));
    await api.call('POST', `${PODS}/p/binding`, { target: { name: 'node-1' } });
    expect((await api.call('DELETE', `${PODS}/p`)).status).toBe(202);
    const status = await api.call('PATCH', `${PODS}/p/status`, { status: { phase: 'Running' } }, MERGE);
    expect(status.status).toBe(200);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(200);
    expect((await api.call('DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 })).status).toBe(200);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(404);
  });
});
