import { describe, expect, it } from 'vitest';
import { microTime, newNodeLease, renewedLease } from '../../../lib/agent/lease.ts';
import { goArch, machineFacts } from '../../../lib/agent/machine.ts';
import { missingLabels, newNode, nodeConditions, nodeStatus, nodeStatusStale, type NodeFacts } from '../../../lib/agent/node-object.ts';

const facts: NodeFacts = {
  name: 'n1', labels: { zone: 'a' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' }, address: '10.0.0.5', hostname: 'host-1',
  os: 'linux', arch: 'amd64', kernelVersion: '6.1', osImage: 'Linux', machineID: 'm', bootID: 'b', containerRuntimeVersion: 'process://1',
};
const T1 = '2025-01-01T00:00:00Z';
const T2 = '2025-01-01T00:00:10Z';

describe('the Node an agent registers', () => {
  it('carries the well-known labels, capacity as allocatable, addresses and nodeInfo', () => {
    const node = newNode(facts, T1);
    expect(node.metadata?.labels).toEqual({ zone: 'a', 'kubernetes.io/hostname': 'n1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(node.status?.capacity).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(node.status?.allocatable).toEqual(node.status?.capacity);
    expect(node.status?.addresses).toEqual([{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'host-1' }]);
    expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-skiff', containerRuntimeVersion: 'process://1', operatingSystem: 'linux', architecture: 'amd64' });
    expect(node.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'], ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'], ['Ready', 'True', 'KubeletReady'],
    ]);
  });

  it('moves heartbeats forward and transition times only on a change', () => {
    const before = nodeConditions(undefined, T1).map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c));
    const after = nodeConditions(before, T2);
    expect(after.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastHeartbeatTime: T2, lastTransitionTime: T2 });
    expect(after.find((c) => c.type === 'DiskPressure')).toMatchObject({ lastHeartbeatTime: T2, lastTransitionTime: T1 });
  });

  it('reports again when the stored status drifted or is old', () => {
    const stored = nodeStatus(facts, undefined, T1);
    const desired = nodeStatus(facts, stored, T2);
    expect(nodeStatusStale(stored, desired, 0, 1000, 300_000)).toBe(false);
    expect(nodeStatusStale(stored, desired, 0, 300_000, 300_000)).toBe(true);
    const unknown = { ...stored, conditions: stored.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c)) };
    expect(nodeStatusStale(unknown, desired, 0, 1000, 300_000)).toBe(true);
    expect(nodeStatusStale(stored, desired, undefined, 1000, 300_000)).toBe(true);
  });

  it('finds labels an adopted node lacks', () => {
    expect(missingLabels(newNode(facts, T1), facts)).toBeUndefined();
    expect(missingLabels({ metadata: { labels: { zone: 'b' } } }, facts)).toEqual({ zone: 'a', 'kubernetes.io/hostname': 'n1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  });

  it('reads facts from this machine unless told, and maps arch names to Go\'s', () => {
    expect(goArch('x64')).toBe('amd64');
    expect(goArch('arm64')).toBe('arm64');
    const f = machineFacts({ name: 'sim-1', runtimeVersion: 'simulated://1', simulated: true, capacity: { cpu: '64', pods: '500' }, address: '10.1.1.1' });
    expect(f.capacity.cpu).toBe('64');
    expect(f.capacity.pods).toBe('500');
    expect(f.capacity.memory).toMatch(/^\d+Ki$/);
    expect(f.hostname).toBe('sim-1');
    expect(f.machineID).toBe(machineFacts({ name: 'sim-1', runtimeVersion: 'x', simulated: true }).machineID);
  });
});

describe('the node Lease', () => {
  it('is held by the node for 40 s, owned by the Node, renewed with microsecond times', () => {
    const now = new Date('2025-01-01T00:00:00.123Z');
    expect(microTime(now)).toBe('2025-01-01T00:00:00.123000Z');
    const lease = newNodeLease('n1', 'uid-1', now);
    expect(lease).toMatchObject({
      metadata: { name: 'n1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'uid-1' }] },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.123000Z' },
    });
    const renewed = renewedLease({ ...lease, metadata: { ...lease.metadata, resourceVersion: '7' } }, 'n1', new Date('2025-01-01T00:00:10Z'));
    expect(renewed.metadata?.resourceVersion).toBe('7');
    expect(renewed.spec?.renewTime).toBe('2025-01-01T00:00:10.000000Z');
  });
});
