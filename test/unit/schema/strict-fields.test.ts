import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../lib/api/schema/strict-fields.ts';

const pod = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' } },
  spec,
  ...extra,
});

const ok = { unknownFields: [], typeErrors: [] };

describe('checkFields: unknown fields', () => {
  it('accepts a complete, well-typed pod', () => {
    const body = pod(
      {
        containers: [
          {
            name: 'a',
            image: 'nginx',
            command: ['sh', '-c', 'true'],
            env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: 1, memory: '128Mi' }, requests: { cpu: '500m' } },
            readinessProbe: { httpGet: { port: 'http', path: '/' }, periodSeconds: 5 },
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
        volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
        terminationGracePeriodSeconds: 30,
      },
      { status: { phase: 'Running', startTime: '2024-01-02T03:04:05Z', conditions: [{ type: 'Ready', status: 'True' }] } },
    );
    expect(checkFields(body, 'V1Pod')).toEqual(ok);
  });

  it('reports paths the way kube-apiserver prints them, in document order', () => {
    const body = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', foo: 1, ports: [{ containerPort: 1, bar: 2 }] }], baz: true });
    (body as Record<string, unknown>).extra = {};
    (body.metadata as Record<string, unknown>).nme = 'typo';
    expect(checkFields(body, 'V1Pod')).toEqual({
      unknownFields: ['metadata.nme', 'spec.containers[1].foo', 'spec.containers[1].ports[0].bar', 'spec.baz', 'extra'],
      typeErrors: [],
    });
  });

  it('spells map entries as .key', () => {
    expect(checkFields({ counters: { gpu: { value: '1', extra: 1 } } }, 'V1CounterSet').unknownFields).toEqual(['counters.gpu.extra']);
  });

  it('does not descend into an unknown field', () => {
    expect(checkFields(pod({ containers: [], foo: { bar: { baz: 1 } } }), 'V1Pod').unknownFields).toEqual(['spec.foo']);
  });

  it('uses JSON names, not the TypeScript property names client-node renames', () => {
    const body = { limits: [{ type: 'Container', default: { cpu: '1' }, _default: { cpu: '1' } }] };
    expect(checkFields(body, 'V1LimitRangeSpec').unknownFields).toEqual(['limits[0]._default']);
  });

  it('accepts anything inside free-form fields', () => {
    const meta = { name: 'x', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {} } } } }] };
    expect(checkFields({ metadata: meta, data: { anything: [1, 'two', { three: null }] }, revision: 1 }, 'V1ControllerRevision')).toEqual(ok);
  });

  it('treats null as unset anywhere', () => {
    const body = pod({ containers: [{ name: 'a', image: null, ports: null, resources: { limits: null } }], nodeSelector: null, priority: null }, { status: null });
    expect(checkFields(body, 'V1Pod')).toEqual(ok);
    expect(checkFields(null, 'V1Pod')).toEqual(ok);
  });

  it('checks the other served kinds by their client-node model', () => {
    expect(checkFields({ spec: { holderIdentity: 'n1', renewTime: '2024-01-01T00:00:00.000000Z', leaseDurationSeconds: 40, nope: 1 } }, 'V1Lease').unknownFields).toEqual(['spec.nope']);
    expect(checkFields({ involvedObject: { kind: 'Pod', name: 'p' }, reason: 'X', count: 1, firstTimestamp: '2024-01-01T00:00:00Z' }, 'CoreV1Event')).toEqual(ok);
    expect(checkFields({ spec: { replicas: 3 }, status: { replicas: 1, selector: 'app=web' } }, 'V1Scale')).toEqual(ok);
    expect(checkFields({ target: { kind: 'Node', name: 'n1' }, metadata: { name: 'p' } }, 'V1Binding')).toEqual(ok);
    expect(checkFields({ propagationPolicy: 'Background', gracePeriodSeconds: 0, preconditions: { uid: 'u' } }, 'V1DeleteOptions')).toEqual(ok);
    expect(checkFields({ spec: { replicas: 1, strategy: { type: 'Recreate' }, template: { spec: { containers: [] } } } }, 'V1Deployment')).toEqual(ok);
  });

  it('throws for a model client-node does not have', () => {
    expect(() => checkFields({}, 'V1NoSuchThing')).toThrow(/no model named V1NoSuchThing/);
    expect(() => checkFields({}, 'constructor')).toThrow(/no model named/);
  });
});

describe('checkFields: type errors', () => {
  const errors = (obj: unknown, model = 'V1Pod') => checkFields(obj, model).typeErrors;

  it('words a wrong JSON type like Go does, naming the struct field and Go type', () => {
    expect(errors(pod({ containers: 'nginx' }))).toEqual([
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    ]);
    expect(errors(pod({ containers: ['nginx'] }))).toEqual([
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container',
    ]);
    expect(errors(pod({ containers: [{ name: 'a', image: 5, args: [1] }] }))).toEqual([
      'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
      'json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string',
    ]);
    expect(errors({ metadata: { labels: { a: true } } })).toEqual([
      'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
    expect(errors({ metadata: { labels: ['a'] } })).toEqual([
      'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    ]);
    expect(errors([1, 2])).toEqual(['json: cannot unmarshal array into Go value of type v1.Pod']);
  });

  it('requires integers, in range, for int32 and int64 fields', () => {
    expect(errors(pod({ containers: [{ name: 'a', ports: [{ containerPort: 80.5 }] }] }))).toEqual([
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ]);
    expect(errors(pod({ priority: 2 ** 31 }))).toEqual(['json: cannot unmarshal number 2147483648 into Go struct field PodSpec.spec.priority of type int32']);
    expect(errors(pod({ activeDeadlineSeconds: 2 ** 40 }))).toEqual([]);
    expect(errors(pod({ activeDeadlineSeconds: '30' }))).toEqual([
      'json: cannot unmarshal string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64',
    ]);
    expect(errors(pod({ hostNetwork: 'true' }))).toEqual(['json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool']);
  });

  it('accepts IntOrString as an int32 or a string', () => {
    const probe = (port: unknown) => pod({ containers: [{ name: 'a', readinessProbe: { httpGet: { port } } }] });
    expect(errors(probe(8080))).toEqual([]);
    expect(errors(probe('http'))).toEqual([]);
    expect(errors(probe(1.5))).toEqual([
      'json: cannot unmarshal number 1.5 into Go struct field HTTPGetAction.spec.containers.readinessProbe.httpGet.port of type intstr.IntOrString',
    ]);
    expect(errors(probe(true))).toHaveLength(1);
  });

  it('accepts quantities as strings or numbers, and rejects malformed ones', () => {
    const limits = (value: unknown) => pod({ containers: [{ name: 'a', resources: { limits: { cpu: value } } }] });
    expect(errors(limits(1))).toEqual([]);
    expect(errors(limits(0.5))).toEqual([]);
    expect(errors(limits('250m'))).toEqual([]);
    expect(errors(limits('1 core'))).toEqual([
      "json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type resource.Quantity: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
    expect(errors(limits(true))).toHaveLength(1);
    expect(errors(pod({ volumes: [{ name: 'v', emptyDir: { sizeLimit: 5 } }] }))).toEqual([]);
  });

  it('checks base64 in byte fields', () => {
    expect(errors({ data: { a: 'aGVsbG8=' } }, 'V1Secret')).toEqual([]);
    expect(errors({ data: { a: 'hello!' } }, 'V1Secret')).toEqual([
      'json: cannot unmarshal string into Go struct field Secret.data of type []uint8: illegal base64 data at input byte 5',
    ]);
    expect(errors({ stringData: { a: 'hello!' } }, 'V1Secret')).toEqual([]);
  });

  it('checks RFC 3339 timestamps', () => {
    expect(errors({ metadata: { creationTimestamp: '2024-01-02T03:04:05+02:00' } })).toEqual([]);
    expect(errors({ metadata: { creationTimestamp: 'yesterday' } })).toEqual([
      'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.creationTimestamp of type v1.Time: parsing time "yesterday" as RFC 3339 failed',
    ]);
    expect(errors({ spec: { renewTime: 12 } }, 'V1Lease')).toEqual([
      'json: cannot unmarshal number into Go struct field LeaseSpec.spec.renewTime of type v1.MicroTime',
    ]);
  });

  it('reports type errors and unknown fields together', () => {
    expect(checkFields(pod({ containers: [{ name: 1, foo: 1 }] }), 'V1Pod')).toEqual({
      unknownFields: ['spec.containers[0].foo'],
      typeErrors: ['json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string'],
    });
  });

  it('caps each list at 100 entries', () => {
    const containers = Array.from({ length: 150 }, () => ({ foo: 1, name: 1 }));
    const result = checkFields(pod({ containers }), 'V1Pod');
    expect(result.unknownFields).toHaveLength(100);
    expect(result.typeErrors).toHaveLength(100);
  });
});
