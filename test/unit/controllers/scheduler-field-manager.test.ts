// What the scheduler's writes leave in a pod's managedFields, as in kube: its
// PodScheduled=False status write is kube-scheduler's; the bind itself (kube's binding
// storage writes the pod directly) records no manager.
import { describe, expect, it } from 'vitest';
import { schedulerController } from '../../../lib/controllers/scheduler/controller.ts';
import { testApi } from '../../support/test-api.ts';

const PODS = '/api/v1/namespaces/default/pods';
const signal = new AbortController().signal;
const podKey = { group: '', resource: 'pods', namespace: 'default', name: 'p' };
type Entry = { manager: string; operation: string; subresource?: string };
const who = (obj: { metadata: { managedFields?: Entry[] } }) => (obj.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`).sort();

describe('scheduler field manager', () => {
  it('records kube-scheduler for the Unschedulable condition and nothing for the bind', async () => {
    const api = await testApi();
    const scheduler = schedulerController(api.ctx, { retryUnschedulableMs: 1000 });
    const created = await api.call('POST', `${PODS}?fieldManager=kubectl-run`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    expect(created.status).toBe(201);

    await scheduler.reconcile(podKey, signal);
    const waiting = (await api.call('GET', `${PODS}/p`)).body;
    expect(waiting.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' })]);
    expect(who(waiting)).toEqual(['kube-scheduler/Update/status', 'kubectl-run/Update']);

    const node = await api.call('POST', '/api/v1/nodes', {
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(node.status).toBe(201);
    await scheduler.reconcile({ group: '', resource: 'nodes', name: 'node-1' }, signal);
    await scheduler.reconcile(podKey, signal);
    const bound = (await api.call('GET', `${PODS}/p`)).body;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(who(bound)).toEqual(['kube-scheduler/Update/status', 'kubectl-run/Update']);
  });

  it('pods/binding over HTTP records no manager on the pod either', async () => {
    const api = await testApi();
    await api.call('POST', `${PODS}?fieldManager=kubectl-run`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const bind = await api.call('POST', `${PODS}/p/binding?fieldManager=my-scheduler`, { target: { name: 'node-1' } });
    expect(bind.status).toBe(201);
    const bound = (await api.call('GET', `${PODS}/p`)).body;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(who(bound)).toEqual(['kubectl-run/Update']);
  });
});
