import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { secrets, validateImmutableData } from '../../../lib/registry/kinds/secret.ts';
import { services } from '../../../lib/registry/kinds/service.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });
const req = (field: string, detail = ''): StatusCause => ({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });

function service(spec: Json, name = 'web'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

function createdService(spec: Json, name?: string): KubeObject {
  const s = services.strategy;
  return s.prepareForCreate!(s.defaults!(service(spec, name)));
}

describe('service defaults', () => {
  it('fills type, affinity, policies and ports as kube does', () => {
    const svc = createdService({ selector: { app: 'web' }, ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] });
    expect(svc['spec']).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
    });
    expect(svc['status']).toEqual({ loadBalancer: {} });
  });

  it.each([
    ['NodePort', { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['LoadBalancer', { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
  ])('%s services get external defaults', (type, want) => {
    expect(createdService({ type, ports: [{ port: 80 }] })['spec']).toMatchObject(want);
  });

  it('ExternalName services get no IP family policy', () => {
    const spec = createdService({ type: 'ExternalName', externalName: 'db.example.com' })['spec'] as Json;
    expect(spec['ipFamilyPolicy']).toBeUndefined();
    expect(spec['internalTrafficPolicy']).toBeUndefined();
  });

  it('ClientIP affinity gets the three-hour timeout; None drops the config', () => {
    expect(createdService({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })['spec']).toMatchObject({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
    expect((createdService({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }] })['spec'] as Json)['sessionAffinityConfig']).toBeUndefined();
  });

  it('keeps clusterIP and clusterIPs in step', () => {
    expect(createdService({ clusterIP: 'None' })['spec']).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
    expect(createdService({ clusterIPs: ['10.96.0.10'], ports: [{ port: 53 }] })['spec']).toMatchObject({ clusterIP: '10.96.0.10' });
  });
});

describe('service validation', () => {
  const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  const cases: Array<[string, Json, StatusCause[], string?]> = [
    ['valid', { ports: [{ port: 80 }] }, []],
    ['headless without ports', { clusterIP: 'None', selector: { app: 'x' } }, []],
    ['no ports', {}, [req('spec.ports')]],
    ['port out of range', { ports: [{ port: 70000, targetPort: 8080 }] }, [inv('spec.ports[0].port', 'Invalid value: 70000: must be between 1 and 65535, inclusive')]],
    ['port missing', { ports: [{ targetPort: 80 }] }, [inv('spec.ports[0].port', 'Invalid value: 0: must be between 1 and 65535, inclusive')]],
    ['names required with several ports', { ports: [{ port: 80 }, { name: 'b', port: 81 }] }, [req('spec.ports[0].name')]],
    ['duplicate names', { ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }, [{ reason: 'FieldValueDuplicate', field: 'spec.ports[1].name', message: 'Duplicate value: "a"' }]],
    ['bad protocol', { ports: [{ port: 80, protocol: 'HTTP' }] }, [
      { reason: 'FieldValueNotSupported', field: 'spec.ports[0].protocol', message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' },
    ]],
    ['bad type', { type: 'Magic', ports: [{ port: 80 }] }, [
      { reason: 'FieldValueNotSupported', field: 'spec.type', message: 'Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
    ]],
    ['nodePort on ClusterIP', { ports: [{ port: 80, nodePort: 30080 }] }, [inv('spec.ports[0].nodePort', "Invalid value: 30080: may not be used when `type` is 'ClusterIP'")]],
    ['bad selector label', { ports: [{ port: 80 }], selector: { app: 'a b' } }, [
      inv('spec.selector', "Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
    ]],
    ['ExternalName needs a name', { type: 'ExternalName' }, [req('spec.externalName')]],
    ['ExternalName with a trailing dot', { type: 'ExternalName', externalName: 'db.example.com.' }, []],
    ['name starting with a digit', { ports: [{ port: 80 }] }, [inv('metadata.name', `Invalid value: "1web": ${DNS1035}`)], '1web'],
  ];
  it.each(cases)('%s', (_name, spec, want, name) => {
    expect(services.strategy.validate!(createdService(spec, name))).toEqual(want);
  });

  it('is served as kube serves it', () => {
    expect(services).toMatchObject({ shortNames: ['svc'], categories: ['all'], subresources: ['status'], namespaced: true });
    expect(services.strategy).toMatchObject({ modelName: 'V1Service', nameRule: 'dns1123-label', hasStatus: true, selectableFields: ['spec.clusterIP', 'spec.type'] });
  });
});

function secret(fields: Json): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...fields };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('secret defaults', () => {
  it('defaults type to Opaque', () => {
    expect(secrets.strategy.defaults!(secret({}))['type']).toBe('Opaque');
  });

  it('merges stringData into data as base64, stringData winning, and drops it', () => {
    const input = secret({ data: { a: b64('old'), b: b64('keep') }, stringData: { a: 'new', c: 'héllo' } });
    const before = structuredClone(input);
    const out = secrets.strategy.defaults!(input);
    expect(out['data']).toEqual({ a: b64('new'), b: b64('keep'), c: b64('héllo') });
    expect(out['stringData']).toBeUndefined();
    expect(input).toEqual(before);
  });
});

describe('secret validation', () => {
  const cases: Array<[string, Json, StatusCause[]]> = [
    ['opaque', { data: { 'key.name': b64('x') } }, []],
    ['bad key', { data: { 'a/b': b64('x') } }, [
      inv('data[a/b]', "Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
    ]],
    ['tls without keys', { type: 'kubernetes.io/tls' }, [req('data[tls.crt]'), req('data[tls.key]')]],
    ['basic-auth with a password', { type: 'kubernetes.io/basic-auth', data: { password: '' } }, []],
    ['basic-auth empty', { type: 'kubernetes.io/basic-auth' }, [req('data[username]'), req('data[password]')]],
    ['service-account-token needs its annotation', { type: 'kubernetes.io/service-account-token' }, [req('metadata.annotations[kubernetes.io/service-account.name]')]],
    ['dockerconfigjson must be JSON', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } }, []],
    ['too big', { data: { a: b64('x'.repeat(1024 * 1024 + 1)) } }, [{ reason: 'FieldValueTooLong', field: 'data', message: 'Too long: must have at most 1048576 bytes' }]],
  ];
  it.each(cases)('%s', (_name, fields, want) => {
    expect(secrets.strategy.validate!(secrets.strategy.defaults!(secret(fields)))).toEqual(want);
  });

  it('dockerconfigjson that is not JSON is reported without its contents', () => {
    const causes = secrets.strategy.validate!(secrets.strategy.defaults!(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('nope') } })));
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'data[.dockerconfigjson]' });
    expect(causes[0]!.message).toMatch(/^Invalid value: "<secret contents redacted>": /);
  });
});

describe('secret update', () => {
  const old = secrets.strategy.defaults!(secret({ data: { a: b64('1') } }));
  it('type is immutable', () => {
    expect(secrets.strategy.validateUpdate!({ ...old, type: 'kubernetes.io/tls' }, old)).toEqual([
      inv('type', 'Invalid value: "kubernetes.io/tls": field is immutable'),
    ]);
  });

  it('immutable secrets keep their data and stay immutable', () => {
    const frozen = { ...old, immutable: true };
    expect(secrets.strategy.validateUpdate!({ ...frozen, metadata: { ...frozen.metadata, labels: { a: 'b' } } }, frozen)).toEqual([]);
    expect(secrets.strategy.validateUpdate!({ ...frozen, data: { a: b64('2') } }, frozen)).toEqual([
      { reason: 'FieldValueForbidden', field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' },
    ]);
    expect(secrets.strategy.validateUpdate!({ ...frozen, immutable: false }, frozen)).toEqual([
      { reason: 'FieldValueForbidden', field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' },
    ]);
    expect(secrets.strategy.validateUpdate!({ ...old, data: { a: b64('2') } }, old)).toEqual([]);
  });

  it('the immutable-data rule works for config maps too', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable: true, data: { a: '1' } };
    expect(validateImmutableData({ ...cm, binaryData: { b: b64('x') } }, cm, ['data', 'binaryData'])).toEqual([
      { reason: 'FieldValueForbidden', field: 'binaryData', message: 'Forbidden: field is immutable when `immutable` is set' },
    ]);
  });

  it('is served as kube serves it', () => {
    expect(secrets.shortNames).toBeUndefined();
    expect(secrets.strategy).toMatchObject({ modelName: 'V1Secret', selectableFields: ['type'] });
  });
});
