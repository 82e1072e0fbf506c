// Strategic merge patches of the non-Deployment built-in kinds, as the node agent,
// controllers and kubectl send them, applied with the built-in schemas.
import { describe, expect, it } from 'vitest';
import { patchSchemaFor } from '../../../lib/api/patch/builtin-patch-schemas.ts';
import { applyStrategicMergePatch } from '../../../lib/api/patch/strategic-merge.ts';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function directivesIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => directivesIn(x));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => [...(k.startsWith('$') ? [k] : []), ...directivesIn(x)]);
}

function patchKind(group: string, kind: string, original: unknown, patch: unknown): unknown {
  const out = applyStrategicMergePatch(deepFreeze(original), deepFreeze(patch), patchSchemaFor(group, kind));
  expect(directivesIn(out)).toEqual([]);
  return out;
}

describe('other kinds', () => {
  it('Pod: the node agent merges conditions by type and replaces containerStatuses', () => {
    const pod = {
      metadata: { name: 'p' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True' }],
        containerStatuses: [{ name: 'c', ready: false }],
      },
    };
    const out = patchKind('', 'Pod', pod, {
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True', lastTransitionTime: 't' }],
        containerStatuses: [{ name: 'c', ready: true, restartCount: 0 }],
        podIPs: [{ ip: '10.0.0.5' }],
      },
    });
    expect(out).toEqual({
      metadata: { name: 'p' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True', lastTransitionTime: 't' }],
        containerStatuses: [{ name: 'c', ready: true, restartCount: 0 }],
        podIPs: [{ ip: '10.0.0.5' }],
      },
    });
  });

  it('Pod: metadata finalizers are a union and ownerReferences merge by uid', () => {
    const pod = { metadata: { name: 'p', finalizers: ['a'], ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs' }] } };
    const out = patchKind('', 'Pod', pod, {
      metadata: { finalizers: ['b'], ownerReferences: [{ uid: 'u1', controller: true }, { uid: 'u2', kind: 'X', name: 'x' }] },
    });
    expect(out).toEqual({
      metadata: {
        name: 'p',
        finalizers: ['b', 'a'],
        ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs', controller: true }, { uid: 'u2', kind: 'X', name: 'x' }],
      },
    });
  });

  it('Pod: removing a finalizer the way kubectl does', () => {
    const pod = { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] } };
    const out = patchKind('', 'Pod', pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a', 'c'] } });
    expect(out).toEqual({ metadata: { name: 'p', finalizers: ['a', 'c'] } });
  });

  it('Node: conditions and addresses merge by type; taints are replaced; podCIDRs are a union', () => {
    const node = {
      metadata: { name: 'n1' },
      spec: { taints: [{ key: 'a', effect: 'NoSchedule' }], podCIDRs: ['10.0.0.0/24'] },
      status: {
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't0' }, { type: 'DiskPressure', status: 'False' }],
        addresses: [{ type: 'InternalIP', address: '10.1.1.1' }],
      },
    };
    const out = patchKind('', 'Node', node, {
      spec: { taints: [{ key: 'b', effect: 'NoExecute' }], podCIDRs: ['fd00::/64'] },
      status: { conditions: [{ type: 'Ready', lastHeartbeatTime: 't1' }], addresses: [{ type: 'Hostname', address: 'n1' }] },
    });
    expect(out).toEqual({
      metadata: { name: 'n1' },
      spec: { taints: [{ key: 'b', effect: 'NoExecute' }], podCIDRs: ['fd00::/64', '10.0.0.0/24'] },
      status: {
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't1' }, { type: 'DiskPressure', status: 'False' }],
        addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.1.1.1' }],
      },
    });
  });

  it('Service: ports merge by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }], selector: { app: 'web' } } };
    const out = patchKind('', 'Service', svc, { spec: { ports: [{ port: 80, targetPort: 9090 }], selector: { app: null, tier: 'fe' } } });
    expect(out).toEqual({ spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }], selector: { tier: 'fe' } } });
  });

  it('ServiceAccount: secrets merge by name, imagePullSecrets are replaced', () => {
    const sa = { secrets: [{ name: 's1' }], imagePullSecrets: [{ name: 'p1' }] };
    const out = patchKind('', 'ServiceAccount', sa, { secrets: [{ name: 's2' }], imagePullSecrets: [{ name: 'p2' }] });
    expect(out).toEqual({ secrets: [{ name: 's2' }, { name: 's1' }], imagePullSecrets: [{ name: 'p2' }] });
  });

  it('Endpoints: subsets are replaced', () => {
    const ep = { subsets: [{ addresses: [{ ip: '1.1.1.1' }], ports: [{ port: 80 }] }] };
    const out = patchKind('', 'Endpoints', ep, { subsets: [{ addresses: [{ ip: '2.2.2.2' }] }] });
    expect(out).toEqual({ subsets: [{ addresses: [{ ip: '2.2.2.2' }] }] });
  });

  it('ConfigMap: data keys merge and null deletes one', () => {
    const cm = { metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    const out = patchKind('', 'ConfigMap', cm, { data: { a: null, c: '3' } });
    expect(out).toEqual({ metadata: { name: 'c' }, data: { b: '2', c: '3' } });
  });

  it('Lease: a renewal merges spec fields', () => {
    const lease = { metadata: { name: 'n1' }, spec: { holderIdentity: 'n1', renewTime: 't0', leaseDurationSeconds: 40 } };
    const out = patchKind('coordination.k8s.io', 'Lease', lease, { spec: { renewTime: 't1' } });
    expect(out).toEqual({ metadata: { name: 'n1' }, spec: { holderIdentity: 'n1', renewTime: 't1', leaseDurationSeconds: 40 } });
  });

  it('Namespace: status conditions merge by type', () => {
    const ns = { status: { phase: 'Terminating', conditions: [{ type: 'A', status: 'True' }] } };
    const out = patchKind('', 'Namespace', ns, { status: { conditions: [{ type: 'B', status: 'False' }] } });
    expect(out).toEqual({ status: { phase: 'Terminating', conditions: [{ type: 'B', status: 'False' }, { type: 'A', status: 'True' }] } });
  });
});
