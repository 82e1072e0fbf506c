// goJsonRoundTrip: a JSON value shaped as kube-apiserver would print it back, from the
// omitempty / pointer knowledge of the protobuf field specs.
import { describe, expect, it } from 'vitest';
import { parseFieldSpec } from '../../../lib/api/protobuf/field-spec.ts';
import type { FieldTable } from '../../../lib/api/protobuf/go-json.ts';
import { goJsonRoundTrip, goJsonRoundTripBody, messageRoundTrip } from '../../../lib/api/schema/go-json-round-trip.ts';

function table(defs: Record<string, Record<string, string>>): FieldTable {
  return new Map(Object.entries(defs).map(([m, fields]) => [m, Object.entries(fields).map(([n, s]) => parseFieldSpec(m, n, s))]));
}

describe('messageRoundTrip (hand-written specs)', () => {
  const t = table({
    Outer: {
      count: '1 int32',
      always: '2 int32!',
      ptr: '3 *int32',
      name: '4 string',
      flag: '5 bool',
      items: '6 []string',
      itemsNoOmit: '7 []string!',
      labels: '8 {string}',
      inner: '9 Inner',
      innerPtr: '10 *Inner',
      when: '11 Time',
      port: '12 IntOrString',
      embedded: '13 ...Embedded',
    },
    Inner: { a: '1 string', b: '2 string!' },
    Embedded: { extra: '1 int64' },
  });

  it('drops omitempty zeros, keeps pointers at zero, fills fields without omitempty', () => {
    const out = messageRoundTrip(t, 'Outer', { count: 0, ptr: 0, name: '', flag: false, items: [], labels: {}, extra: 0 });
    expect(out).toEqual({ always: 0, ptr: 0, itemsNoOmit: null, inner: { b: '' }, when: null, port: 0 });
  });

  it('keeps set values, recursing into structs and pointed-to structs', () => {
    const out = messageRoundTrip(t, 'Outer', {
      count: 2, always: 3, name: 'x', flag: true, items: ['a'], itemsNoOmit: ['b'], labels: { k: '' },
      inner: { a: 'y', b: 'z' }, innerPtr: { a: '' }, when: '2026-01-01T00:00:00Z', port: 'http', extra: 7,
    });
    expect(out).toEqual({
      count: 2, always: 3, name: 'x', flag: true, items: ['a'], itemsNoOmit: ['b'], labels: { k: '' },
      inner: { a: 'y', b: 'z' }, innerPtr: { b: '' }, when: '2026-01-01T00:00:00Z', port: 'http', extra: 7,
    });
  });

  it('treats null like absent and keeps keys the specs do not list', () => {
    expect(messageRoundTrip(t, 'Outer', { ptr: null, innerPtr: null, unknown: { x: 0 } })).toEqual({
      always: 0, itemsNoOmit: null, inner: { b: '' }, when: null, port: 0, unknown: { x: 0 },
    });
  });

  it('refuses a message it has no specs for', () => {
    expect(() => messageRoundTrip(t, 'Nope', {})).toThrow(/no field specs for Nope/);
  });
});

describe('goJsonRoundTrip (the real k8s.io/api specs)', () => {
  it('DeploymentStatus: every counter is omitempty, collisionCount a pointer', () => {
    const status = { observedGeneration: 2, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, collisionCount: 0, conditions: [] };
    expect(goJsonRoundTrip('DeploymentStatus', status)).toEqual({ observedGeneration: 2, collisionCount: 0 });
  });

  it('ReplicaSetStatus: replicas has no omitempty, the other counters do', () => {
    const status = { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 4 };
    expect(goJsonRoundTrip('ReplicaSetStatus', status)).toEqual({ replicas: 0, observedGeneration: 4 });
    expect(goJsonRoundTrip('ReplicaSetStatus', {})).toEqual({ replicas: 0 });
  });

  it('Event: eventTime reads back null, reportingComponent and reportingInstance are always there', () => {
    const event = { metadata: { name: 'e' }, involvedObject: { kind: 'Node', name: 'n1', namespace: '' }, reason: 'R', message: 'm', source: { component: 'c', host: '' }, count: 1 };
    expect(goJsonRoundTripBody('Event', event)).toEqual({
      metadata: { name: 'e' }, involvedObject: { kind: 'Node', name: 'n1' }, reason: 'R', message: 'm', source: { component: 'c' },
      firstTimestamp: null, lastTimestamp: null, count: 1, eventTime: null, reportingComponent: '', reportingInstance: '',
    });
  });

  it('leaves metadata to the registry (no creationTimestamp: null) and keeps apiVersion and kind', () => {
    const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's' }, addressType: 'IPv4', endpoints: [], ports: [{ name: '', port: 80 }] };
    expect(goJsonRoundTripBody('EndpointSlice', slice)).toEqual({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's' }, addressType: 'IPv4', endpoints: null, ports: [{ name: '', port: 80 }],
    });
  });
});
