import { describe, expect, it } from 'vitest';
import { openApiV3Document } from '../../../lib/apiserver/openapi/document.ts';
import { builtinRegistry } from '../../../lib/registry/builtin.ts';
import { endpointSlices } from '../../../lib/registry/kinds/endpointslice.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

const { defaults, validate, validateUpdate } = endpointSlices.strategy;

function slice(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde', namespace: 'default' },
    addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'n1' }], ports: [{ port: 80 }], ...extra,
  };
}

const fields = (obj: KubeObject) => validate!(defaults!(obj)).map((c) => `${c.field}: ${c.message}`);

describe('EndpointSlice strategy (kube’s ValidateEndpointSlice)', () => {
  it('defaults a port’s name to "" and protocol to TCP, and accepts a well-formed slice', () => {
    expect(defaults!(slice())['ports']).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(fields(slice())).toEqual([]);
    expect(fields(slice({ endpoints: [], ports: undefined }))).toEqual([]);
  });

  it('requires a supported addressType, and keeps it immutable', () => {
    expect(fields(slice({ addressType: undefined }))).toEqual(['addressType: Required value']);
    expect(fields(slice({ addressType: 'IPv5' }))[0]).toMatch(/^addressType: Unsupported value: "IPv5"/);
    expect(validateUpdate!(slice({ addressType: 'IPv6' }), slice())).toMatchObject([{ field: 'addressType', message: expect.stringContaining('field is immutable') }]);
  });

  it('checks each address against the addressType and refuses special addresses', () => {
    expect(fields(slice({ endpoints: [{ addresses: ['fe80::1'] }] }))[0]).toMatch(/^endpoints\[0\]\.addresses\[0\]: Invalid value: "fe80::1": must be a valid IPv4 address/);
    expect(fields(slice({ endpoints: [{ addresses: ['127.0.0.1'] }] }))[0]).toMatch(/loopback/);
    expect(fields(slice({ endpoints: [{ addresses: [] }] }))[0]).toMatch(/^endpoints\[0\]\.addresses: Required value/);
    expect(fields(slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }] }))).toEqual([]);
  });

  it('checks ports: unique names, known protocols, valid numbers', () => {
    expect(fields(slice({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }))).toEqual(['ports[1].name: Duplicate value: "a"']);
    expect(fields(slice({ ports: [{ port: 70000 }] }))[0]).toMatch(/^ports\[0\]\.port: Invalid value: 70000/);
    expect(fields(slice({ ports: [{ port: 80, protocol: 'ICMP' }] }))[0]).toMatch(/^ports\[0\]\.protocol: Unsupported value: "ICMP"/);
  });
});

describe('EndpointSlice in OpenAPI (what kubectl explain and validation read)', () => {
  it('publishes discovery.k8s.io/v1 paths and kube’s schema names', () => {
    const doc = openApiV3Document(builtinRegistry(), 'discovery.k8s.io', 'v1') as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toContain('/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices/{name}');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining([
      'io.k8s.api.discovery.v1.EndpointSlice', 'io.k8s.api.discovery.v1.Endpoint', 'io.k8s.api.discovery.v1.EndpointConditions', 'io.k8s.api.discovery.v1.EndpointPort',
    ]));
  });
});
