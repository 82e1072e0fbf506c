import { describe, expect, it } from 'vitest';
import { servicesForPod } from '../../../../lib/controllers/endpoints/pod-services.ts';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, planSlices } from '../../../../lib/controllers/endpoints/slice-plan.ts';
import { endpointSlices } from '../../../../lib/registry/kinds/endpointslice.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

interface PodOpts {
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  phase?: string;
  deleting?: boolean;
  port?: number;
  node?: string;
}

function pod(name: string, o: PodOpts = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'n1', containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: o.port ?? 8080 }] }] },
    status: { phase: o.phase ?? 'Running', ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.1.0.1' }), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

function service(spec: Record<string, unknown> = {}, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', ...(labels ? { labels } : {}) },
    spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec },
  };
}

const ref = (name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` });
const endpointsOf = (s: KubeObject) => s['endpoints'] as { addresses: string[]; conditions: Record<string, boolean>; targetRef: { name: string } }[];

describe('planSlices', () => {
  it('writes one slice with kube’s labels, owner, conditions, nodeName, targetRef and resolved ports', () => {
    const plan = planSlices('web', service({}, { tier: 'front' }), [pod('a', { ip: '10.1.0.1', node: 'n2' }), pod('b', { ip: '10.1.0.2', ready: false })], []);
    expect(plan.delete).toEqual([]);
    expect(plan.apply).toHaveLength(1);
    const [slice] = plan.apply;
    expect(slice).toMatchObject({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: {
        name: expect.stringMatching(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/), namespace: 'default',
        labels: { tier: 'front', [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: CONTROLLER_NAME },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
      },
      ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.1.0.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n2', targetRef: ref('a') },
        { addresses: ['10.1.0.2'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'n1', targetRef: ref('b') },
      ],
    });
    expect(endpointSlices.strategy.validate!(slice!)).toEqual([]);
  });

  it('keeps terminating pods, not ready but still serving while their probe passes', () => {
    const [slice] = planSlices('web', service(), [pod('a', { deleting: true })], []).apply;
    expect(endpointsOf(slice!)[0]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('publishNotReadyAddresses makes every endpoint ready', () => {
    const [slice] = planSlices('web', service({ publishNotReadyAddresses: true }), [pod('a', { ready: false })], []).apply;
    expect(endpointsOf(slice!)[0]!.conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('leaves out pods without an IP, finished pods, loopback pods and pods the selector does not match', () => {
    const pods = [pod('noip', { ip: '' }), pod('done', { phase: 'Succeeded', ip: '10.1.0.3' }), pod('lo', { ip: '127.0.0.1' }), pod('db', { labels: { app: 'db' }, ip: '10.1.0.4' })];
    const [slice] = planSlices('web', service(), pods, []).apply;
    expect(slice!['endpoints']).toBeNull();
  });

  it('splits pods whose named targetPort resolves to different numbers into one slice per port set', () => {
    const plan = planSlices('web', service(), [pod('a'), pod('b', { ip: '10.1.0.2', port: 9000 })], []);
    expect(plan.apply.map((s) => [(s['ports'] as { port: number }[])[0]!.port, endpointsOf(s).map((e) => e.targetRef.name)]).sort()).toEqual([[8080, ['a']], [9000, ['b']]]);
    expect(new Set(plan.apply.map((s) => s.metadata.name)).size).toBe(2);
  });

  it('keeps an empty placeholder slice when nothing is selected, its lists null as kube reads them back', () => {
    const [slice] = planSlices('web', service(), [], []).apply;
    // Neither list is omitempty, and etcd's protobuf stores an empty one as nil.
    expect(slice).toHaveProperty('endpoints', null);
    expect(slice).toHaveProperty('ports', null);
  });

  it('keeps an unnamed port’s empty name (a pointer in discovery/v1) and leaves metadata to the registry', () => {
    const [slice] = planSlices('web', service({ ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }), [pod('a')], []).apply;
    expect(slice!['ports']).toEqual([{ name: '', protocol: 'TCP', port: 8080 }]);
    expect(slice!['ports']).toHaveProperty([0, 'name'], '');
    expect(slice!.metadata).not.toHaveProperty('creationTimestamp');
    // No hostname, zone or hints were set: absent, not empty.
    expect(Object.keys(endpointsOf(slice!)[0]!).sort()).toEqual(['addresses', 'conditions', 'nodeName', 'targetRef']);
  });

  it('labels the slices of a headless Service', () => {
    const [slice] = planSlices('web', service({ clusterIP: 'None' }), [pod('a')], []).apply;
    expect(slice!.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
  });

  it('names slices deterministically, so racing passes collide instead of duplicating', () => {
    const once = planSlices('web', service(), [pod('a')], []).apply[0]!.metadata.name;
    expect(planSlices('web', service(), [pod('a'), pod('b', { ip: '10.1.0.2' })], []).apply[0]!.metadata.name).toBe(once);
    const recreated = { ...service(), metadata: { ...service().metadata, uid: 'other-uid' } };
    expect(planSlices('web', recreated, [pod('a')], []).apply[0]!.metadata.name).not.toBe(once);
  });

  it('deletes our slices that are no longer wanted, and never touches anyone else’s', () => {
    const wanted = planSlices('web', service(), [pod('a')], []).apply[0]!;
    const stale = { ...wanted, metadata: { ...wanted.metadata, name: 'web-stale' } };
    const foreign = { ...wanted, metadata: { ...wanted.metadata, name: 'web-mine', labels: { [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: 'someone-else' } } };
    expect(planSlices('web', service(), [pod('a')], [wanted, stale, foreign]).delete.map((s) => s.metadata.name)).toEqual(['web-stale']);
    expect(planSlices('web', undefined, [], [wanted, foreign]).delete.map((s) => s.metadata.name)).toEqual([wanted.metadata.name]);
    expect(planSlices('web', service({ selector: undefined }), [], [wanted]).delete).toHaveLength(1);
  });
});

describe('servicesForPod and slices', () => {
  it('finds the Service whose slice still lists a pod that the Endpoints already dropped', () => {
    const [slice] = planSlices('web', service(), [pod('a', { deleting: true })], []).apply;
    expect(servicesForPod('a', undefined, [service()], [], [slice!])).toEqual(['web']);
  });
});
