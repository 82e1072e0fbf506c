import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { endpoints } from '../../../lib/registry/kinds/endpoints.ts';
import { eventFieldSet, events } from '../../../lib/registry/kinds/event.ts';
import { leases } from '../../../lib/registry/kinds/lease.ts';
import { nodeFieldSet, nodes } from '../../../lib/registry/kinds/node.ts';
import { serviceAccounts } from '../../../lib/registry/kinds/serviceaccount.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });
const req = (field: string, detail = ''): StatusCause => ({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });

function obj(kind: string, fields: Json, namespace: string | undefined = 'default'): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name: 'x', ...(namespace ? { namespace } : {}) }, ...fields };
}

describe('nodes', () => {
  const validate = (spec: Json): StatusCause[] => nodes.strategy.validate!(nodes.strategy.defaults!(obj('Node', { spec }, undefined)));

  it('defaults allocatable to capacity and pairs podCIDR with podCIDRs', () => {
    const input = obj('Node', { spec: { podCIDR: '10.244.1.0/24' }, status: { capacity: { cpu: '4', pods: '110' } } }, undefined);
    const before = structuredClone(input);
    const n = nodes.strategy.defaults!(input);
    expect(n['status']).toEqual({ capacity: { cpu: '4', pods: '110' }, allocatable: { cpu: '4', pods: '110' } });
    expect(n['spec']).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect(input).toEqual(before);
  });

  it('keeps a reported allocatable', () => {
    const n = nodes.strategy.defaults!(obj('Node', { status: { capacity: { cpu: '4' }, allocatable: { cpu: '3500m' } } }, undefined));
    expect((n['status'] as Json)['allocatable']).toEqual({ cpu: '3500m' });
  });

  const cases: Array<[string, Json, StatusCause[]]> = [
    ['no spec', {}, []],
    ['valid taints', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }, { key: 'gpu', value: 'true', effect: 'NoSchedule' }] }, []],
    ['bad effect', { taints: [{ key: 'a', effect: 'Sometimes' }] }, [
      { reason: 'FieldValueNotSupported', field: 'spec.taints[0].effect', message: 'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' },
    ]],
    ['missing effect', { taints: [{ key: 'a' }] }, [req('spec.taints[0].effect')]],
    ['bad key', { taints: [{ key: 'a b', effect: 'NoSchedule' }] }, [
      inv('spec.taints[0].key', "Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
    ]],
    ['duplicate key and effect', { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'v', effect: 'NoSchedule' }] }, [
      { reason: 'FieldValueDuplicate', field: 'spec.taints[1]', message: 'Duplicate value: {"key":"a","value":"v","effect":"NoSchedule"}: taints must be unique by key and effect pair' },
    ]],
    ['bad pod CIDR', { podCIDR: '10.0.0.0/33' }, [inv('spec.podCIDRs[0]', 'Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')]],
    ['IPv6 pod CIDR', { podCIDRs: ['fd00:10:244::/64'] }, []],
  ];
  it.each(cases)('%s', (_name, spec, want) => {
    expect(validate(spec)).toEqual(want);
  });

  it('is cluster-scoped with a status subresource and kube field values', () => {
    expect(nodes).toMatchObject({ namespaced: false, shortNames: ['no'], subresources: ['status'] });
    expect(nodes.strategy).toMatchObject({ hasStatus: true, selectableFields: ['spec.unschedulable'], modelName: 'V1Node' });
    expect(nodeFieldSet(obj('Node', {}, undefined))).toEqual({ 'metadata.name': 'x', 'spec.unschedulable': 'false' });
  });
});

describe('endpoints', () => {
  const subset = (s: Json): Json => ({ subsets: [s] });
  it('defaults port protocols', () => {
    const ep = endpoints.strategy.defaults!(obj('Endpoints', subset({ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] })));
    expect(ep['subsets']).toEqual([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  const cases: Array<[string, Json, StatusCause[]]> = [
    ['valid', subset({ addresses: [{ ip: '10.0.0.1', nodeName: 'n1' }], notReadyAddresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }), []],
    ['no subsets', {}, []],
    ['no addresses', subset({ ports: [{ port: 80 }] }), [req('subsets[0]', 'must specify `addresses` or `notReadyAddresses`')]],
    ['not an IP', subset({ addresses: [{ ip: 'web' }] }), [inv('subsets[0].addresses[0].ip', 'Invalid value: "web": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]],
    ['loopback', subset({ addresses: [{ ip: '127.0.0.1' }] }), [inv('subsets[0].addresses[0].ip', 'Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)')]],
    ['unspecified', subset({ addresses: [{ ip: '0.0.0.0' }] }), [inv('subsets[0].addresses[0].ip', 'Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)')]],
    ['port names required with several ports', subset({ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'a', port: 80 }, { port: 81 }] }), [req('subsets[0].ports[1].name')]],
    ['bad port', subset({ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 0 }] }), [inv('subsets[0].ports[0].port', 'Invalid value: 0: must be between 1 and 65535, inclusive')]],
  ];
  it.each(cases)('%s', (_name, fields, want) => {
    expect(endpoints.strategy.validate!(endpoints.strategy.defaults!(obj('Endpoints', fields)))).toEqual(want);
  });

  it('is served as kube serves it', () => {
    expect(endpoints).toMatchObject({ resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true, subresources: [] });
  });
});

describe('events', () => {
  const involved = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1' };
  const cases: Array<[string, Json, string, StatusCause[]]> = [
    ['valid', { involvedObject: involved, reason: 'Started', type: 'Normal' }, 'default', []],
    ['no involved object', { reason: 'Started' }, 'default', [req('involvedObject')]],
    ['namespace mismatch', { involvedObject: involved }, 'other', [inv('involvedObject.namespace', 'Invalid value: "default": does not match event.namespace')]],
    ['cluster-scoped object in default', { involvedObject: { kind: 'Node', name: 'n1' } }, 'default', []],
    ['cluster-scoped object elsewhere', { involvedObject: { kind: 'Node', name: 'n1' } }, 'apps', [inv('involvedObject.namespace', 'Invalid value: "": does not match event.namespace')]],
    ['bad type', { involvedObject: involved, type: 'Info' }, 'default', [
      { reason: 'FieldValueNotSupported', field: 'type', message: 'Unsupported value: "Info": supported values: "Normal", "Warning"' },
    ]],
    ['new-style event missing reporting fields', { involvedObject: involved, eventTime: '2024-01-01T00:00:00.000000Z' }, 'default', [
      req('reportingComponent'),
      inv('reportingComponent', "Invalid value: \"\": name part must be non-empty"),
      inv('reportingComponent', "Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
      req('reportingInstance'), req('action'), req('reason'),
    ]],
  ];
  it.each(cases)('%s', (_name, fields, ns, want) => {
    expect(events.strategy.validate!(obj('Event', fields, ns))).toEqual(want);
  });

  it('computes the field set kube selects on, source included', () => {
    const ev = obj('Event', { involvedObject: involved, reason: 'Pulled', type: 'Normal', reportingComponent: 'kubelet' });
    expect(eventFieldSet(ev)).toMatchObject({ 'involvedObject.name': 'web', 'involvedObject.kind': 'Pod', reason: 'Pulled', source: 'kubelet', type: 'Normal' });
    expect(eventFieldSet({ ...ev, source: { component: 'scheduler' } })['source']).toBe('scheduler');
    expect(events.strategy.selectableFields).toContain('involvedObject.uid');
    expect(events).toMatchObject({ shortNames: ['ev'], namespaced: true });
    expect(events.strategy.modelName).toBe('CoreV1Event');
  });
});

describe('leases', () => {
  const lease = (spec: Json): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec });
  const cases: Array<[string, Json, StatusCause[]]> = [
    ['valid', { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' }, []],
    ['empty', {}, []],
    ['zero duration', { leaseDurationSeconds: 0 }, [inv('spec.leaseDurationSeconds', 'Invalid value: 0: must be greater than 0')]],
    ['negative transitions', { leaseTransitions: -1 }, [inv('spec.leaseTransitions', 'Invalid value: -1: must be greater than or equal to 0')]],
    ['preferred holder without strategy', { preferredHolder: 'n2' }, [
      { reason: 'FieldValueForbidden', field: 'spec.preferredHolder', message: 'Forbidden: may only be specified if `strategy` is defined' },
    ]],
    ['wrong type', { leaseDurationSeconds: '40' }, [{ reason: 'FieldValueTypeInvalid', field: 'spec.leaseDurationSeconds', message: 'Invalid value: "40": must be of type integer' }]],
  ];
  it.each(cases)('%s', (_name, spec, want) => {
    expect(leases.strategy.validate!(lease(spec))).toEqual(want);
  });

  it('is served in coordination.k8s.io/v1 without short names', () => {
    expect(leases).toMatchObject({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true });
    expect(leases.shortNames).toBeUndefined();
  });
});

describe('service accounts', () => {
  it('are plain named objects', () => {
    expect(serviceAccounts).toMatchObject({ kind: 'ServiceAccount', resource: 'serviceaccounts', shortNames: ['sa'], namespaced: true });
    expect(serviceAccounts.strategy).toEqual({ modelName: 'V1ServiceAccount', nameRule: 'dns1123-subdomain' });
  });
});
