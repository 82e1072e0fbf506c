import { describe, expect, it } from 'vitest';
import { addPod, buildNodeInfos } from '../../../lib/scheduler/node-info.ts';
import { accountingDelta } from '../../../lib/scheduler/pod-requests.ts';
import { fitsAfterBind } from '../../../lib/scheduler/schedule.ts';
import { bound, MiB, node, pod } from './fixtures.ts';

describe('buildNodeInfos', () => {
  const nodes = [node('a'), node('b')];
  const pods = [
    bound('running', 'a', { requests: { cpu: '500m', memory: '100Mi' }, ports: [{ containerPort: 80, hostPort: 8080 }] }),
    bound('pending-bound', 'a', { phase: 'Pending', requests: { cpu: '250m' }, ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] }),
    bound('terminating', 'a', { requests: { cpu: '100m' }, deleting: true, ports: [{ containerPort: 1, hostPort: 9090, hostIP: '::1' }] }),
    bound('succeeded', 'a', { phase: 'Succeeded', requests: { cpu: '1' } }),
    bound('failed', 'a', { phase: 'Failed', requests: { cpu: '1' } }),
    bound('elsewhere', 'gone', { requests: { cpu: '1' } }),
    pod('unbound', { requests: { cpu: '1' } }),
    bound('best-effort', 'b'),
  ];
  const [a, b] = buildNodeInfos(nodes, pods);

  it('keeps the node order and names', () => {
    expect([a?.name, b?.name]).toEqual(['a', 'b']);
  });

  it('counts pods that hold resources, terminating ones included', () => {
    expect(a?.pods.map((p) => p.metadata.name)).toEqual(['running', 'pending-bound', 'terminating']);
    expect(a?.podCount).toBe(3);
    expect(a?.requested).toEqual({ milliCpu: 850n, memory: 100n * MiB, pods: 3n, scalar: {} });
    expect(b?.podCount).toBe(1);
    expect(b?.requested).toEqual({ milliCpu: 0n, memory: 0n, pods: 1n, scalar: {} });
  });

  it('keeps the non-zero sums for scoring separately', () => {
    expect(a?.nonZeroRequested.milliCpu).toBe(850n);
    expect(a?.nonZeroRequested.memory).toBe((100n + 200n + 200n) * MiB);
    expect(b?.nonZeroRequested).toEqual({ milliCpu: 100n, memory: 200n * MiB, pods: 1n, scalar: {} });
  });

  it('records host ports as PROTOCOL/IP/PORT with kube defaults', () => {
    expect([...(a?.usedHostPorts ?? [])].sort()).toEqual(['TCP/0.0.0.0/8080', 'TCP/::1/9090', 'UDP/10.0.0.1/53']);
  });

  it('reads allocatable', () => {
    expect(a?.allocatable).toEqual({ milliCpu: 4000n, memory: 8n * 1024n * MiB, pods: 110n, scalar: {} });
  });
});

describe('addPod and fitsAfterBind', () => {
  const [empty] = buildNodeInfos([node('n', { cpu: '2', memory: '1Gi', pods: '2' })], []);
  if (!empty) throw new Error('no node info');
  const web = pod('web', { requests: { cpu: '1', memory: '512Mi' }, ports: [{ containerPort: 80, hostPort: 80 }] });

  it('returns a new NodeInfo and leaves the old one alone', () => {
    const after = addPod(empty, web);
    expect(after).not.toBe(empty);
    expect(empty.podCount).toBe(0);
    expect(empty.requested.milliCpu).toBe(0n);
    expect(empty.usedHostPorts.size).toBe(0);
    expect(after.podCount).toBe(1);
    expect(after.requested).toEqual({ milliCpu: 1000n, memory: 512n * MiB, pods: 1n, scalar: {} });
    expect([...after.usedHostPorts]).toEqual(['TCP/0.0.0.0/80']);
  });

  it('adds exactly the accounting delta', () => {
    const after = addPod(empty, web);
    const delta = accountingDelta(web);
    expect(after.requested.milliCpu - empty.requested.milliCpu).toBe(delta.milliCpu);
    expect(after.requested.memory - empty.requested.memory).toBe(delta.memory);
    expect(after.podCount - empty.podCount).toBe(delta.pods);
  });

  it('fitsAfterBind follows ports, pods, cpu and memory as pods are added', () => {
    const api = pod('api', { requests: { cpu: '1', memory: '512Mi' } });
    expect(fitsAfterBind(empty, web)).toBe(true);
    const one = addPod(empty, web);
    expect(fitsAfterBind(one, web)).toBe(false); // host port 80 taken
    expect(fitsAfterBind(one, api)).toBe(true);
    const two = addPod(one, api);
    expect(fitsAfterBind(two, pod('tiny'))).toBe(false); // pod count 2 reached
    expect(fitsAfterBind(one, pod('big', { requests: { cpu: '1001m' } }))).toBe(false);
  });

  it('ignores what a bind cannot change (taints, cordon, affinity)', () => {
    const [cordoned] = buildNodeInfos([node('c', { unschedulable: true, ready: 'False' })], []);
    if (!cordoned) throw new Error('no node info');
    expect(fitsAfterBind(cordoned, pod('p', { nodeSelector: { x: 'y' } }))).toBe(true);
  });
});
