// Pods scheduled at the same moment by one scheduler instance see each other's choices
// (kube's assume): three pods, three equal empty nodes, three different nodes — not all
// three on the node that was emptiest when the view was read.
// Among equally good nodes the pick is random, from the injected id source, as kube's.
import { describe, expect, it } from 'vitest';
import { schedulerController } from '../../../lib/controllers/scheduler/controller.ts';
import { testApi } from '../../support/test-api.ts';

const PODS = '/api/v1/namespaces/default/pods';
const signal = new AbortController().signal;

describe('scheduler assume', () => {
  it('spreads pods reconciled concurrently over equal nodes', async () => {
    const api = await testApi();
    const scheduler = schedulerController(api.ctx);
    for (const name of ['n1', 'n2', 'n3']) {
      const room = { cpu: '4', memory: '8Gi', pods: '110' };
      expect((await api.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: room, capacity: room, conditions: [{ type: 'Ready', status: 'True' }] } })).status).toBe(201);
    }
    const names = ['p1', 'p2', 'p3'];
    for (const name of names) {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1', memory: '1Gi' } } }] } };
      expect((await api.call('POST', PODS, pod)).status).toBe(201);
    }
    await Promise.all(names.map((name) => scheduler.reconcile({ group: '', resource: 'pods', namespace: 'default', name }, signal)));
    const nodes = await Promise.all(names.map(async (name) => (await api.call('GET', `${PODS}/${name}`)).body.spec.nodeName as string));
    expect(new Set(nodes).size).toBe(3);
  });

  it('picks among equally good nodes with the injected random source', async () => {
    const api = await testApi();
    api.ctx.ids = { ...api.ctx.ids, pickIndex: (count) => count - 1 };
    const scheduler = schedulerController(api.ctx);
    for (const name of ['n1', 'n2', 'n3']) {
      const room = { cpu: '4', memory: '8Gi', pods: '110' };
      expect((await api.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: room, capacity: room, conditions: [{ type: 'Ready', status: 'True' }] } })).status).toBe(201);
    }
    expect((await api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } })).status).toBe(201);
    await scheduler.reconcile({ group: '', resource: 'pods', namespace: 'default', name: 'p' }, signal);
    expect((await api.call('GET', `${PODS}/p`)).body.spec.nodeName).toBe('n3');
  });
});
