// The garbage collector's reconciler on the in-memory store: keys handed over directly,
// as the pipeline would after each change.
import { describe, expect, it } from 'vitest';
import { FOREGROUND_RECHECK_MS, garbageCollectorController } from '../../../../lib/controllers/garbagecollector/controller.ts';
import type { WorkKey } from '../../../../lib/pipeline/work-key.ts';
import { testApi, type TestApi } from '../../../support/test-api.ts';

const RS = '/apis/apps/v1/namespaces/default/replicasets';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const PODS = '/api/v1/namespaces/default/pods';
const CM = '/api/v1/namespaces/default/configmaps';
const signal = new AbortController().signal;

const rsKey = (name: string): WorkKey => ({ group: 'apps', resource: 'replicasets', namespace: 'default', name });
const podKey = (name: string): WorkKey => ({ group: '', resource: 'pods', namespace: 'default', name });

function template(app: string) {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
}

async function replicaSet(api: TestApi, name: string, ownerReferences?: unknown[]) {
  const res = await api.call('POST', RS, {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: template(name) },
  });
  expect(res.status).toBe(201);
  return res.body as { metadata: { uid: string; name: string } };
}

function ownedBy(owner: { metadata: { uid: string; name: string } }, kind = 'ReplicaSet', apiVersion = 'apps/v1', block = true) {
  return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: block };
}

async function pod(api: TestApi, name: string, ownerReferences: unknown[]) {
  const res = await api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, ownerReferences }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  expect(res.status).toBe(201);
  return res.body;
}

const exists = async (api: TestApi, path: string) => (await api.call('GET', path)).status === 200;

describe('garbage collector: background', () => {
  it('collects the dependents of a deleted owner, and keeps those another owner holds', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const rs = await replicaSet(api, 'web');
    const keeper = await replicaSet(api, 'keeper');
    await pod(api, 'a', [ownedBy(rs)]);
    await pod(api, 'b', [ownedBy(rs)]);
    await pod(api, 'shared', [ownedBy(rs), { ...ownedBy(keeper), controller: false }]);
    await api.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', ownerReferences: [{ ...ownedBy(rs), controller: false }] } });
    expect((await api.call('DELETE', `${RS}/web`)).status).toBe(200);

    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({});
    expect(await exists(api, `${PODS}/a`)).toBe(false);
    expect(await exists(api, `${PODS}/b`)).toBe(false);
    expect(await exists(api, `${CM}/cfg`)).toBe(false);
    const shared = (await api.call('GET', `${PODS}/shared`)).body;
    expect(shared.metadata.ownerReferences.map((r: { name: string }) => r.name)).toEqual(['keeper']);
  });

  it('collects a dependent whose owner uid belongs to no one, even under a namesake', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const old = await replicaSet(api, 'web');
    await pod(api, 'orphaned', [ownedBy(old)]);
    await api.call('DELETE', `${RS}/web`);
    const namesake = await replicaSet(api, 'web');
    await pod(api, 'current', [ownedBy(namesake)]);

    // The owner's own key now finds the namesake; the dependent's key (a resync) decides by uid.
    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({});
    expect(await exists(api, `${PODS}/orphaned`)).toBe(true);
    await gc.reconcile(podKey('orphaned'), signal);
    await gc.reconcile(podKey('current'), signal);
    expect(await exists(api, `${PODS}/orphaned`)).toBe(false);
    expect(await exists(api, `${PODS}/current`)).toBe(true);
  });

  it('never collects for owners of kinds it cannot look up', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    await pod(api, 'p', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'u1' }]);
    await gc.reconcile(podKey('p'), signal);
    expect(await exists(api, `${PODS}/p`)).toBe(true);
  });

  it('ignores keys of kinds that are not served', async () => {
    const api = await testApi();
    expect(await garbageCollectorController(api.ctx).reconcile({ group: 'networking.k8s.io', resource: 'ipaddresses', name: '10.96.0.9' }, signal)).toEqual({});
  });
});

describe('garbage collector: orphan', () => {
  it('lets the dependents go, then removes the finalizer and the owner goes', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const rs = await replicaSet(api, 'web');
    await pod(api, 'a', [ownedBy(rs)]);
    const marked = await api.call('DELETE', `${RS}/web`, { propagationPolicy: 'Orphan' });
    expect(marked.status).toBe(202);
    expect(marked.body.metadata.finalizers).toEqual(['orphan']);

    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({});
    expect(await exists(api, `${RS}/web`)).toBe(false);
    const a = (await api.call('GET', `${PODS}/a`)).body;
    expect(a.metadata.ownerReferences).toBeUndefined();
  });
});

describe('garbage collector: foreground', () => {
  it('deletes the dependents first; the owner goes when no blocking dependent is left', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const rs = await replicaSet(api, 'web');
    await pod(api, 'unbound', [ownedBy(rs)]);
    await pod(api, 'bound', [ownedBy(rs)]);
    await api.call('POST', `${PODS}/bound/binding`, { target: { name: 'node-1' } });
    const marked = await api.call('DELETE', `${RS}/web`, { propagationPolicy: 'Foreground' });
    expect(marked.status).toBe(202);
    expect(marked.body.metadata).toMatchObject({ finalizers: ['foregroundDeletion'], deletionGracePeriodSeconds: 0 });

    // The unbound pod goes at once; the bound one waits for its node, and holds the owner.
    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({ requeueAfterMs: FOREGROUND_RECHECK_MS });
    expect(await exists(api, `${PODS}/unbound`)).toBe(false);
    expect((await api.call('GET', `${PODS}/bound`)).body.metadata.deletionTimestamp).toBeDefined();
    expect(await exists(api, `${RS}/web`)).toBe(true);

    // The node confirms; the route wakes the owner.
    expect((await api.call('DELETE', `${PODS}/bound`, { gracePeriodSeconds: 0 })).status).toBe(200);
    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({});
    expect(await exists(api, `${RS}/web`)).toBe(false);
  });

  it('does not wait for dependents that do not block it', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const rs = await replicaSet(api, 'web');
    await pod(api, 'loose', [ownedBy(rs, 'ReplicaSet', 'apps/v1', false)]);
    await api.call('POST', `${PODS}/loose/binding`, { target: { name: 'node-1' } });
    await api.call('DELETE', `${RS}/web`, { propagationPolicy: 'Foreground' });
    expect(await gc.reconcile(rsKey('web'), signal)).toEqual({});
    expect(await exists(api, `${RS}/web`)).toBe(false);
    expect((await api.call('GET', `${PODS}/loose`)).body.metadata.deletionTimestamp).toBeDefined();
  });

  it('cascades in the foreground down a chain: Deployment → ReplicaSet → pods', async () => {
    const api = await testApi();
    const gc = garbageCollectorController(api.ctx);
    const deploy = (await api.call('POST', DEPLOY, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'app' } }, template: template('app') },
    })).body;
    const rs = await replicaSet(api, 'app-1', [ownedBy(deploy, 'Deployment')]);
    await pod(api, 'p', [ownedBy(rs)]);
    await api.call('POST', `${PODS}/p/binding`, { target: { name: 'node-1' } });
    await api.call('DELETE', `${DEPLOY}/app`, { propagationPolicy: 'Foreground' });

    const deployKey: WorkKey = { group: 'apps', resource: 'deployments', namespace: 'default', name: 'app' };
    expect(await gc.reconcile(deployKey, signal)).toEqual({ requeueAfterMs: FOREGROUND_RECHECK_MS });
    // The ReplicaSet owns a pod, so it too is deleted in the foreground and waits.
    const waitingRs = (await api.call('GET', `${RS}/app-1`)).body;
    expect(waitingRs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(await gc.reconcile(rsKey('app-1'), signal)).toEqual({ requeueAfterMs: FOREGROUND_RECHECK_MS });
    await api.call('DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 });
    expect(await gc.reconcile(rsKey('app-1'), signal)).toEqual({});
    expect(await exists(api, `${RS}/app-1`)).toBe(false);
    expect(await gc.reconcile(deployKey, signal)).toEqual({});
    expect(await exists(api, `${DEPLOY}/app`)).toBe(false);
  });
});
