// A Deployment using most of PodSpec, to check the Go-JSON rules across the pod/container/
// volume definitions: omitempty, pointers, inline structs, IntOrString, Quantity, Time.
import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf } from '../../../lib/api/protobuf/index.ts';
import { body } from './wire.ts';

const MAY_1_10AM = 1714557600; // 2024-05-01T10:00:00Z

const podSpec = {
  volumes: [
    { name: 'cfg', volumeSource: { configMap: { localObjectReference: { name: 'app-cfg' }, items: [{ key: 'k', path: 'p' }], defaultMode: 420 } } },
    { name: 'scratch', volumeSource: { emptyDir: { sizeLimit: { string: '1Gi' } } } },
    { name: 'tok', volumeSource: { projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } } },
  ],
  initContainers: [{ name: 'init', image: 'busybox', command: ['true'], resources: {} }],
  containers: [
    {
      name: 'app',
      image: 'nginx:1.27',
      args: ['-g', 'daemon off;'],
      workingDir: '',
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP', hostPort: 0 }],
      envFrom: [{ configMapRef: { localObjectReference: { name: 'env-cm' }, optional: true } }],
      env: [
        { name: 'A', value: '1' },
        { name: 'EMPTY', value: '' },
        { name: 'POD', value: '', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { localObjectReference: { name: 's' }, key: 'pw' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
      resources: { limits: { memory: { string: '128Mi' }, cpu: { string: '0.5' } }, requests: { cpu: { string: '100m' } } },
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true, subPath: '' }],
      livenessProbe: {
        handler: { httpGet: { path: '/healthz', port: { type: 1, strVal: 'http' }, scheme: 'HTTP' } },
        initialDelaySeconds: 5,
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
      readinessProbe: { handler: { tcpSocket: { port: { type: 0, intVal: 80 } } } },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0 },
      stdin: false,
      tty: false,
    },
  ],
  ephemeralContainers: [{ ephemeralContainerCommon: { name: 'debug', image: 'busybox', stdin: true }, targetContainerName: 'app' }],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'app',
  hostNetwork: false,
  securityContext: { fsGroup: 2000, supplementalGroups: [1, 2] },
  schedulerName: 'default-scheduler',
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  enableServiceLinks: false,
};

const deployment = {
  metadata: {
    name: 'web',
    generateName: '',
    namespace: 'prod',
    uid: 'u-1',
    resourceVersion: '7',
    generation: 3,
    creationTimestamp: { seconds: MAY_1_10AM, nanos: 999 },
    deletionTimestamp: { seconds: MAY_1_10AM + 60 },
    deletionGracePeriodSeconds: 0,
    labels: { b: '2', a: '1' },
    annotations: { note: '' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u', controller: false }],
    finalizers: ['f'],
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: { seconds: MAY_1_10AM },
        fieldsType: 'FieldsV1',
        fieldsV1: { Raw: Buffer.from('{"f:spec":{"f:replicas":{}}}') },
      },
    ],
  },
  spec: {
    replicas: 0,
    selector: {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'Exists' },
      ],
    },
    template: { metadata: { labels: { app: 'web' }, creationTimestamp: {} }, spec: podSpec },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: { type: 0, intVal: 0 }, maxSurge: { type: 1, strVal: '25%' } } },
    minReadySeconds: 0,
    revisionHistoryLimit: 10,
    paused: false,
    progressDeadlineSeconds: 600,
  },
};

const expectedPodSpec = {
  volumes: [
    { name: 'cfg', configMap: { name: 'app-cfg', items: [{ key: 'k', path: 'p' }], defaultMode: 420 } },
    { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'tok', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3600, path: 'token' } }] } },
  ],
  initContainers: [{ name: 'init', image: 'busybox', command: ['true'], resources: {} }],
  containers: [
    {
      name: 'app',
      image: 'nginx:1.27',
      args: ['-g', 'daemon off;'],
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      envFrom: [{ configMapRef: { name: 'env-cm', optional: true } }],
      env: [
        { name: 'A', value: '1' },
        { name: 'EMPTY' },
        { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
        // divisor is a non-pointer Quantity: Go prints "0" for it.
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
      volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/cfg' }],
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
        initialDelaySeconds: 5,
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
      readinessProbe: { tcpSocket: { port: 80 } },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { capabilities: { drop: ['ALL'] }, runAsUser: 0, runAsNonRoot: true, allowPrivilegeEscalation: false },
    },
  ],
  ephemeralContainers: [{ name: 'debug', image: 'busybox', resources: {}, stdin: true, targetContainerName: 'app' }],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'app',
  securityContext: { supplementalGroups: [1, 2], fsGroup: 2000 },
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  },
  schedulerName: 'default-scheduler',
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
  enableServiceLinks: false,
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
};

describe('a Deployment with a full pod template', () => {
  const got = decodeKubeProtobuf(body('apps/v1', 'Deployment', 'Deployment', deployment));

  it('decodes metadata: times to RFC 3339 seconds, sorted maps, pointer zeros kept', () => {
    expect(got.metadata).toEqual({
      name: 'web',
      namespace: 'prod',
      uid: 'u-1',
      resourceVersion: '7',
      generation: 3,
      creationTimestamp: '2024-05-01T10:00:00Z',
      deletionTimestamp: '2024-05-01T10:01:00Z',
      deletionGracePeriodSeconds: 0,
      labels: { a: '1', b: '2' },
      annotations: { note: '' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u', controller: false }],
      finalizers: ['f'],
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Update',
          apiVersion: 'apps/v1',
          time: '2024-05-01T10:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        },
      ],
    });
    expect(Object.keys(got.metadata as object).slice(0, 2)).toEqual(['name', 'namespace']);
    expect(Object.keys((got.metadata as { labels: object }).labels)).toEqual(['a', 'b']);
  });

  it('decodes the spec: pointer zero replicas, IntOrString, dropped omitempty zeros', () => {
    const { template, ...spec } = got.spec as Record<string, unknown>;
    expect(spec).toEqual({
      replicas: 0,
      selector: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'Exists' },
        ],
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(template).toEqual({ metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: expectedPodSpec });
  });

  it('gives an absent status the zero struct, as Go does', () => {
    expect(got.status).toEqual({});
  });

  it('merges embedded structs into their parent in Go field order', () => {
    const pod = (got.spec as { template: { spec: typeof expectedPodSpec } }).template.spec;
    expect(Object.keys(pod.volumes[0]!)).toEqual(['name', 'configMap']);
    expect(Object.keys(pod.containers[0]!.envFrom[0]!.configMapRef)).toEqual(['name', 'optional']);
    expect(Object.keys(pod.containers[0]!.livenessProbe)).toEqual([
      'httpGet',
      'initialDelaySeconds',
      'timeoutSeconds',
      'periodSeconds',
      'successThreshold',
      'failureThreshold',
    ]);
  });
});
