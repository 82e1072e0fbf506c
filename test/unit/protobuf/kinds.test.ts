// The other decodable kinds and wire-level behaviour: unknown fields, empty objects,
// MicroTime, bytes maps, non-omitempty lists.
import { Writer } from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf } from '../../../lib/api/protobuf/index.ts';
import { body, concat, encodeMessage, envelope } from './wire.ts';

const MAY_1_10AM = 1714557600; // 2024-05-01T10:00:00Z

/** Fields no definition knows: varint, 64-bit, length-delimited, 32-bit and a group. */
function unknownFields(): Uint8Array {
  return Writer.create()
    .uint32((99 << 3) | 0).uint64(12345)
    .uint32((100 << 3) | 1).fixed64(7)
    .uint32((101 << 3) | 2).string('future field')
    .uint32((102 << 3) | 5).fixed32(9)
    .uint32((103 << 3) | 3).uint32((1 << 3) | 0).uint32(1).uint32((103 << 3) | 4)
    .finish();
}

describe('decoding other kinds', () => {
  it('Lease: MicroTime keeps microseconds, pointer zeros and empty strings survive', () => {
    const got = decodeKubeProtobuf(
      body('coordination.k8s.io/v1', 'Lease', 'Lease', {
        metadata: { name: 'leader', namespace: 'kube-system' },
        spec: {
          holderIdentity: '',
          leaseDurationSeconds: 15,
          acquireTime: {},
          renewTime: { seconds: MAY_1_10AM, nanos: 123456789 },
          leaseTransitions: 0,
        },
      }),
    );
    expect(got).toEqual({
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      metadata: { name: 'leader', namespace: 'kube-system', creationTimestamp: null },
      spec: {
        holderIdentity: '',
        leaseDurationSeconds: 15,
        acquireTime: null,
        renewTime: '2024-05-01T10:00:00.123456Z',
        leaseTransitions: 0,
      },
    });
  });

  it('Service: targetPort defaults to 0, status keeps its empty loadBalancer', () => {
    const got = decodeKubeProtobuf(
      body('v1', 'Service', 'Service', {
        metadata: { name: 'svc' },
        spec: {
          ports: [{ name: '', protocol: 'UDP', port: 53, nodePort: 0 }],
          clusterIPs: ['10.0.0.10', 'fd00::a'],
          type: 'ClusterIP',
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
          ipFamilies: ['IPv4', 'IPv6'],
          ipFamilyPolicy: 'PreferDualStack',
          internalTrafficPolicy: 'Cluster',
          publishNotReadyAddresses: false,
        },
      }),
    );
    expect(got).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'svc', creationTimestamp: null },
      spec: {
        ports: [{ protocol: 'UDP', port: 53, targetPort: 0 }],
        clusterIPs: ['10.0.0.10', 'fd00::a'],
        type: 'ClusterIP',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ipFamilies: ['IPv4', 'IPv6'],
        ipFamilyPolicy: 'PreferDualStack',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    });
  });

  it('Secret: bytes to base64, stringData and type kept, immutable: false kept (pointer)', () => {
    const got = decodeKubeProtobuf(
      body('v1', 'Secret', 'Secret', {
        metadata: { name: 's' },
        immutable: false,
        data: { bin: Buffer.from([0xff, 0x00]), empty: Buffer.alloc(0) },
        stringData: { plain: 'text' },
        type: 'kubernetes.io/basic-auth',
      }),
    );
    expect(got).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's', creationTimestamp: null },
      immutable: false,
      data: { bin: '/wA=', empty: '' },
      stringData: { plain: 'text' },
      type: 'kubernetes.io/basic-auth',
    });
  });

  it('ServiceAccount: references and automount', () => {
    const got = decodeKubeProtobuf(
      body('v1', 'ServiceAccount', 'ServiceAccount', {
        metadata: { name: 'sa' },
        secrets: [{ name: 'tok', namespace: '' }],
        imagePullSecrets: [{ name: 'regcred' }],
        automountServiceAccountToken: false,
      }),
    );
    expect(got).toEqual({
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'sa', creationTimestamp: null },
      secrets: [{ name: 'tok' }],
      imagePullSecrets: [{ name: 'regcred' }],
      automountServiceAccountToken: false,
    });
  });

  it('SelfSubjectAccessReview with selector attributes', () => {
    const got = decodeKubeProtobuf(
      body('authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'SelfSubjectAccessReview', {
        spec: {
          resourceAttributes: {
            verb: 'list',
            resource: 'pods',
            fieldSelector: { rawSelector: 'spec.nodeName=n1' },
            labelSelector: { requirements: [{ key: 'app', operator: 'In', values: ['web'] }] },
          },
        },
      }),
    );
    expect(got.spec).toEqual({
      resourceAttributes: {
        verb: 'list',
        resource: 'pods',
        fieldSelector: { rawSelector: 'spec.nodeName=n1' },
        labelSelector: { requirements: [{ key: 'app', operator: 'In', values: ['web'] }] },
      },
    });
    expect(got.status).toEqual({ allowed: false });
  });

  it('SelfSubjectReview: the empty one `kubectl auth whoami` sends, and a filled status', () => {
    expect(decodeKubeProtobuf(envelope('authentication.k8s.io/v1', 'SelfSubjectReview', new Uint8Array(0)))).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    });
    const got = decodeKubeProtobuf(
      body('authentication.k8s.io/v1', 'SelfSubjectReview', 'SelfSubjectReview', {
        status: { userInfo: { username: 'alice', uid: 'u-1', groups: ['dev', 'system:authenticated'] } },
      }),
    );
    expect(got.status).toEqual({ userInfo: { username: 'alice', uid: 'u-1', groups: ['dev', 'system:authenticated'] } });
  });

  it('an empty object decodes to the zero struct with kind and apiVersion from the envelope', () => {
    expect(decodeKubeProtobuf(envelope('v1', 'Namespace', new Uint8Array(0)))).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { creationTimestamp: null },
      spec: {},
      status: {},
    });
  });

  it('a pod spec without containers has "containers": null, as Go encodes a nil slice', () => {
    const got = decodeKubeProtobuf(body('apps/v1', 'Deployment', 'Deployment', { spec: { template: { spec: {} } } }));
    expect((got.spec as { template: { spec: unknown } }).template.spec).toEqual({ containers: null });
  });

  it('skips unknown field numbers at the top level and inside nested messages', () => {
    const meta = concat(encodeMessage('ObjectMeta', { name: 'n1', labels: { a: 'b' } }), unknownFields());
    const spec = concat(encodeMessage('NamespaceSpec', { finalizers: ['kubernetes'] }), unknownFields());
    const raw = Writer.create()
      .uint32((1 << 3) | 2).bytes(meta)
      .uint32((2 << 3) | 2).bytes(spec)
      .finish();
    const got = decodeKubeProtobuf(envelope('v1', 'Namespace', concat(unknownFields(), raw, unknownFields())));
    expect(got).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'n1', creationTimestamp: null, labels: { a: 'b' } },
      spec: { finalizers: ['kubernetes'] },
      status: {},
    });
  });

  it('accepts packed repeated scalars as well as unpacked ones', () => {
    // PodSecurityContext.supplementalGroups (field 4, int64), packed by hand.
    const packed = Writer.create().uint32((4 << 3) | 2).fork().int64(1).int64(2).ldelim().finish();
    const podSpec = Writer.create().uint32((14 << 3) | 2).bytes(packed).finish();
    const template = Writer.create().uint32((2 << 3) | 2).bytes(podSpec).finish();
    const deploySpec = Writer.create().uint32((3 << 3) | 2).bytes(template).finish();
    const raw = Writer.create().uint32((2 << 3) | 2).bytes(deploySpec).finish();
    const got = decodeKubeProtobuf(envelope('apps/v1', 'Deployment', raw));
    const pod = (got.spec as { template: { spec: { securityContext: unknown } } }).template.spec;
    expect(pod.securityContext).toEqual({ supplementalGroups: [1, 2] });
  });

  it('decodes int64 beyond 32 bits', () => {
    const got = decodeKubeProtobuf(body('v1', 'Namespace', 'Namespace', { metadata: { name: 'n', generation: 2 ** 40 } }));
    expect((got.metadata as { generation: number }).generation).toBe(2 ** 40);
  });
});
