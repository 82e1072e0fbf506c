// startAgent end to end on fakes: registration, the lease, re-registration, and pods from
// the poll handed to workers and forgotten when they vanish.
import { afterEach, describe, expect, it } from 'vitest';
import { startAgent, type Agent } from '../../../lib/agent/agent.ts';
import { systemClock } from '../../../lib/core/clock.ts';
import { FakeApi, FakeRuntime, until } from './fakes.ts';

let agent: Agent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

function start(api: FakeApi, runtime = new FakeRuntime()) {
  agent = startAgent({ api, clock: systemClock }, {
    name: 'n1', runtime, pollIntervalMs: 5, leaseRenewMs: 10, labels: { pool: 'blue' }, capacity: { cpu: '8', memory: '16Gi', pods: '50' }, address: '10.0.0.7',
  });
  return { runtime, agent };
}

describe('startAgent', () => {
  it('registers its node, holds its lease and keeps renewing it', async () => {
    const api = new FakeApi();
    const { agent } = start(api);
    await agent.ready;
    const node = api.nodes.get('n1')!;
    expect(node.metadata?.labels).toMatchObject({ pool: 'blue', 'kubernetes.io/hostname': 'n1' });
    expect(node.status?.capacity).toEqual({ cpu: '8', memory: '16Gi', pods: '50' });
    expect(node.status?.addresses?.[0]).toEqual({ type: 'InternalIP', address: '10.0.0.7' });
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toBe('fake://1');
    await until('lease', () => api.leases.has('n1'));
    const first = api.leases.get('n1')!.metadata!.resourceVersion;
    await until('renewed', () => api.leases.get('n1')!.metadata!.resourceVersion !== first);
    expect(api.leases.get('n1')!.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'n1', uid: 'node-uid' });
  });

  it('registers again when its node is deleted, and re-reports Ready after someone marks it Unknown', async () => {
    const api = new FakeApi();
    const { agent } = start(api);
    await agent.ready;
    api.nodes.delete('n1');
    await until('re-registered', () => api.nodes.has('n1'));
    const n = api.nodes.get('n1')!;
    api.nodes.set('n1', { ...n, status: { ...n.status, conditions: n.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c)) } });
    await until('Ready again', () => api.nodes.get('n1')!.status!.conditions!.find((c) => c.type === 'Ready')!.status === 'True');
  });

  it('runs the pods bound to it and forgets the ones that vanish', async () => {
    const api = new FakeApi();
    api.pods = [{ metadata: { name: 'p', namespace: 'ns', uid: 'u1', resourceVersion: '1' }, spec: { nodeName: 'n1', containers: [{ name: 'c' }] } }];
    const { runtime, agent } = start(api);
    await agent.ready;
    await until('running', () => api.lastStatus()?.phase === 'Running');
    api.pods = [];
    await until('stopped', () => runtime.running.length === 0);
    expect(runtime.stopped).toEqual([{ name: 'c', graceMs: 2000 }]);
  });
});
