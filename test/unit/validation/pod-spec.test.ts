import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { validatePodSpec } from '../../../lib/api/validation/pod-spec.ts';

const SUBDOMAIN = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const ENV = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const C0 = 'spec.containers[0]';
const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });
const req = (field: string, detail = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});
const unsupported = (field: string, message: string): StatusCause => ({ reason: 'FieldValueNotSupported', field, message });
const forbid = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` });

/** A valid spec with one container, its fields replaced by `ctr` and the spec's by `spec`. */
function pod(ctr: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { containers: [{ name: 'app', image: 'nginx:1.27', ...ctr }], ...spec };
}

type Case = [string, unknown, StatusCause[]];

function run(cases: Case[]): void {
  it.each(cases)('%s', (_name, spec, want) => {
    expect(validatePodSpec(spec, 'spec')).toEqual(want);
  });
}

describe('validatePodSpec: containers', () => {
  run([
    [
      'a realistic valid pod',
      pod(
        {
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { containerPort: 9090 }],
          env: [{ name: 'MODE', value: 'prod' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 1, memory: '128Mi' } },
          volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'sub' }],
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
          readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 },
        },
        { volumes: [{ name: 'data', emptyDir: {} }], restartPolicy: 'Always', terminationGracePeriodSeconds: 0 },
      ),
      [],
    ],
    ['no containers', { containers: [] }, [req('spec.containers')]],
    ['absent spec', undefined, [req('spec.containers')]],
    ['not an object', 'x', [{ reason: 'FieldValueTypeInvalid', field: 'spec', message: 'Invalid value: "x": must be of type object' }]],
    ['missing name and image', { containers: [{}] }, [req(`${C0}.name`), req(`${C0}.image`)]],
    ['bad container name', pod({ name: 'App_1' }), [inv(`${C0}.name`, `Invalid value: "App_1": ${LABEL}`)]],
    [
      'image with whitespace',
      pod({ image: ' nginx' }),
      [inv(`${C0}.image`, 'Invalid value: " nginx": must not have leading or trailing whitespace')],
    ],
    [
      'duplicate names across containers and init containers',
      {
        containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'x' }],
        initContainers: [{ name: 'a', image: 'x' }],
      },
      [
        { reason: 'FieldValueDuplicate', field: 'spec.containers[1].name', message: 'Duplicate value: "a"' },
        { reason: 'FieldValueDuplicate', field: 'spec.initContainers[0].name', message: 'Duplicate value: "a"' },
      ],
    ],
    [
      'imagePullPolicy',
      pod({ imagePullPolicy: 'Sometimes' }),
      [unsupported(`${C0}.imagePullPolicy`, 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"')],
    ],
    [
      'init containers may not be probed unless they are sidecars',
      pod({}, {
        initContainers: [
          { name: 'init', image: 'x', livenessProbe: { exec: { command: ['true'] } } },
          { name: 'side', image: 'x', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } },
          { name: 'odd', image: 'x', restartPolicy: 'Never' },
        ],
      }),
      [
        forbid('spec.initContainers[0].livenessProbe', 'may not be set for init containers without restartPolicy=Always'),
        unsupported('spec.initContainers[2].restartPolicy', 'Unsupported value: "Never": supported values: "Always"'),
      ],
    ],
    [
      'restartPolicy on a regular container',
      pod({ restartPolicy: 'Always' }),
      [forbid(`${C0}.restartPolicy`, 'may not be set for non-init containers')],
    ],
  ]);
});

describe('validatePodSpec: ports', () => {
  run([
    [
      'port numbers and protocol',
      pod({ ports: [{ containerPort: 0 }, { containerPort: 70000, hostPort: -1, protocol: 'HTTP' }] }),
      [
        req(`${C0}.ports[0].containerPort`),
        inv(`${C0}.ports[1].containerPort`, 'Invalid value: 70000: must be between 1 and 65535, inclusive'),
        inv(`${C0}.ports[1].hostPort`, 'Invalid value: -1: must be between 1 and 65535, inclusive'),
        unsupported(`${C0}.ports[1].protocol`, 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
      ],
    ],
    [
      'port names',
      pod({ ports: [{ name: 'web', containerPort: 80 }, { name: 'web', containerPort: 81 }, { name: 'Web', containerPort: 82 }] }),
      [
        { reason: 'FieldValueDuplicate', field: `${C0}.ports[1].name`, message: 'Duplicate value: "web"' },
        inv(`${C0}.ports[2].name`, 'Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'),
      ],
    ],
    [
      'a string where a number belongs',
      pod({ ports: [{ containerPort: '80' }] }),
      [
        { reason: 'FieldValueTypeInvalid', field: `${C0}.ports[0].containerPort`, message: 'Invalid value: "80": must be of type integer' },
        req(`${C0}.ports[0].containerPort`),
      ],
    ],
  ]);
});

describe('validatePodSpec: env', () => {
  run([
    ['bad names', pod({ env: [{ name: '1X' }, { value: 'v' }] }), [inv(`${C0}.env[0].name`, `Invalid value: "1X": ${ENV}`), req(`${C0}.env[1].name`)]],
    [
      'valueFrom with no source',
      pod({ env: [{ name: 'A', valueFrom: {} }] }),
      [inv(`${C0}.env[0].valueFrom`, 'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`')],
    ],
    [
      'valueFrom alongside value',
      pod({ env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }),
      [inv(`${C0}.env[0].valueFrom`, 'Invalid value: "": may not be specified when `value` is not empty')],
    ],
    [
      'two sources and a missing key',
      pod({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c' }, secretKeyRef: { name: 's', key: 'k' } } }] }),
      [
        req(`${C0}.env[0].valueFrom.configMapKeyRef.key`),
        inv(`${C0}.env[0].valueFrom`, 'Invalid value: "": may not have more than one field specified at a time'),
      ],
    ],
    [
      'unsupported downward API field',
      pod({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }] }),
      [
        unsupported(
          `${C0}.env[0].valueFrom.fieldRef.fieldPath`,
          'Unsupported value: "spec.hostname": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
        ),
      ],
    ],
    ['label subscripts are allowed', pod({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }] }), []],
    [
      'envFrom needs exactly one source',
      pod({ envFrom: [{ prefix: '1_' }, { configMapRef: { name: 'c' } }] }),
      [
        inv(`${C0}.envFrom[0].prefix`, `Invalid value: "1_": ${ENV}`),
        inv(`${C0}.envFrom`, 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`'),
      ],
    ],
  ]);
});

describe('validatePodSpec: resources', () => {
  const R = `${C0}.resources`;
  run([
    [
      'requests above limits',
      pod({ resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1500m', memory: '1Gi' } } }),
      [inv(`${R}.requests`, 'Invalid value: "2": must be less than or equal to cpu limit of 1500m')],
    ],
    [
      'unparseable quantity',
      pod({ resources: { limits: { memory: '1 GB' } } }),
      [inv(`${R}.limits[memory]`, `Invalid value: "1 GB": ${QUANTITY}`)],
    ],
    [
      'bad suffix',
      pod({ resources: { requests: { cpu: '1mi' } } }),
      [inv(`${R}.requests[cpu]`, `Invalid value: "1mi": unable to parse quantity's suffix`)],
    ],
    [
      'negative quantity',
      pod({ resources: { requests: { cpu: '-100m' } } }),
      [inv(`${R}.requests[cpu]`, 'Invalid value: "-100m": must be greater than or equal to 0')],
    ],
    [
      'unknown resource name',
      pod({ resources: { requests: { gpu: '1' } } }),
      [
        inv(`${R}.requests[gpu]`, 'Invalid value: "gpu": must be a standard resource type or fully qualified'),
        inv(`${R}.requests[gpu]`, 'Invalid value: "gpu": must be a standard resource for containers'),
      ],
    ],
    [
      'extended resources: whole, equal, and limited',
      pod({ resources: { requests: { 'nvidia.com/gpu': '500m', 'example.com/fpga': '1' }, limits: { 'nvidia.com/gpu': '1' } } }),
      [
        inv(`${R}.requests[nvidia.com/gpu]`, 'Invalid value: "500m": must be an integer'),
        inv(`${R}.requests`, 'Invalid value: "500m": must be equal to nvidia.com/gpu limit of 1'),
        req(`${R}.limits`, 'Limit must be set for non overcommitable resources'),
      ],
    ],
    [
      'a quantity of the wrong JSON type',
      pod({ resources: { limits: { cpu: true } } }),
      [{ reason: 'FieldValueTypeInvalid', field: `${R}.limits[cpu]`, message: 'Invalid value: true: must be of type string' }],
    ],
    [
      'hugepages without cpu or memory',
      pod({ resources: { limits: { 'hugepages-2Mi': '4Mi' } } }),
      [forbid(R, 'HugePages require cpu or memory')],
    ],
  ]);
});

describe('validatePodSpec: volumes and mounts', () => {
  run([
    [
      'mount of a missing volume',
      pod({ volumeMounts: [{ name: 'cache', mountPath: '/c' }] }),
      [{ reason: 'FieldValueNotFound', field: `${C0}.volumeMounts[0].name`, message: 'Not found: "cache"' }],
    ],
    [
      'duplicate volume names and a volume with no source',
      pod({}, { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', configMap: { name: 'c' } }, { name: 'w' }] }),
      [
        { reason: 'FieldValueDuplicate', field: 'spec.volumes[1].name', message: 'Duplicate value: "v"' },
        req('spec.volumes[2]', 'must specify a volume type'),
      ],
    ],
    [
      'two sources in one volume',
      pod({}, { volumes: [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }] }),
      [forbid('spec.volumes[0].secret', 'may not specify more than 1 volume type')],
    ],
    [
      'source shapes',
      pod({}, {
        volumes: [
          { name: 'a', configMap: { defaultMode: 1000, items: [{ key: 'k', path: '../x' }] } },
          { name: 'b', secret: {} },
          { name: 'c', persistentVolumeClaim: {} },
          { name: 'd', emptyDir: { sizeLimit: '-1Gi' } },
          { name: 'E', hostPath: { path: '/var' } },
        ],
      }),
      [
        req('spec.volumes[0].configMap.name'),
        inv('spec.volumes[0].configMap.defaultMode', 'Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive'),
        inv('spec.volumes[0].configMap.items[0].path', `Invalid value: "../x": must not contain '..'`),
        req('spec.volumes[1].secret.secretName'),
        req('spec.volumes[2].persistentVolumeClaim.claimName'),
        forbid('spec.volumes[3].emptyDir.sizeLimit', 'SizeLimit field must be a valid resource quantity'),
        inv('spec.volumes[4].name', `Invalid value: "E": ${LABEL}`),
      ],
    ],
    [
      'mount paths and subPath',
      pod(
        { volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/a', subPath: '/abs' }, { name: 'v' }] },
        { volumes: [{ name: 'v', emptyDir: {} }] },
      ),
      [
        inv(`${C0}.volumeMounts[1].mountPath`, 'Invalid value: "/a": must be unique'),
        inv(`${C0}.volumeMounts.subPath`, 'Invalid value: "/abs": must be a relative path'),
        req(`${C0}.volumeMounts[2].mountPath`),
      ],
    ],
  ]);
});

describe('validatePodSpec: probes', () => {
  const L = `${C0}.livenessProbe`;
  run([
    ['no handler', pod({ livenessProbe: { periodSeconds: 10 } }), [req(L, 'must specify a handler type')]],
    [
      'two handlers',
      pod({ livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 } } }),
      [forbid(`${L}.httpGet`, 'may not specify more than 1 handler type')],
    ],
    [
      'handler contents',
      pod({ livenessProbe: { httpGet: { port: 0, scheme: 'FTP' } }, readinessProbe: { exec: {} }, startupProbe: { grpc: { port: 70000 } } }),
      [
        inv(`${L}.httpGet.port`, 'Invalid value: 0: must be between 1 and 65535, inclusive'),
        unsupported(`${L}.httpGet.scheme`, 'Unsupported value: "FTP": supported values: "HTTP", "HTTPS"'),
        req(`${C0}.readinessProbe.exec.command`),
        inv(`${C0}.startupProbe.grpc.port`, 'Invalid value: 70000: must be between 1 and 65535, inclusive'),
      ],
    ],
    [
      'timings and thresholds',
      pod({ livenessProbe: { tcpSocket: { port: 'db' }, initialDelaySeconds: -1, successThreshold: 3 } }),
      [
        inv(`${L}.initialDelaySeconds`, 'Invalid value: -1: must be greater than or equal to 0'),
        inv(`${L}.successThreshold`, 'Invalid value: 3: must be 1'),
      ],
    ],
  ]);
});

describe('validatePodSpec: pod-level fields', () => {
  run([
    [
      'restartPolicy',
      pod({}, { restartPolicy: 'Sometimes' }),
      [unsupported('spec.restartPolicy', 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"')],
    ],
    ['empty restartPolicy', pod({}, { restartPolicy: '' }), [req('spec.restartPolicy')]],
    [
      'dnsPolicy',
      pod({}, { dnsPolicy: 'Google' }),
      [unsupported('spec.dnsPolicy', 'Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"')],
    ],
    [
      'nodeSelector',
      pod({}, { nodeSelector: { 'kubernetes.io/os': 'linux', 'bad key': 'x' } }),
      [inv('spec.nodeSelector', `Invalid value: "bad key": name part ${QNAME}`)],
    ],
    [
      'negative grace period and zero deadline',
      pod({}, { terminationGracePeriodSeconds: -5, activeDeadlineSeconds: 0 }),
      [
        inv('spec.terminationGracePeriodSeconds', 'Invalid value: -5: must be greater than or equal to 0'),
        inv('spec.activeDeadlineSeconds', 'Invalid value: 0: must be between 1 and 2147483647, inclusive'),
      ],
    ],
    ['nodeName', pod({}, { nodeName: 'Node_1' }), [inv('spec.nodeName', `Invalid value: "Node_1": ${SUBDOMAIN}`)]],
    ['hostname', pod({}, { hostname: 'a.b' }), [inv('spec.hostname', 'Invalid value: "a.b": must not contain dots')]],
  ]);
});

describe('validatePodSpec: tolerations', () => {
  const T = 'spec.tolerations';
  run([
    [
      'valid tolerations',
      pod({}, {
        tolerations: [
          { operator: 'Exists' },
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        ],
      }),
      [],
    ],
    [
      'empty key needs Exists',
      pod({}, { tolerations: [{ value: 'x' }] }),
      [inv(`${T}[0].operator`, 'Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"')],
    ],
    [
      'bad operator, effect and seconds',
      pod({}, { tolerations: [{ key: 'k', operator: 'Matches', effect: 'NoRun', tolerationSeconds: 10 }] }),
      [
        inv(`${T}[0].effect`, `Invalid value: "NoRun": effect must be 'NoExecute' when \`tolerationSeconds\` is set`),
        unsupported(`${T}[0].operator`, 'Unsupported value: "Matches": supported values: "Equal", "Exists"'),
        unsupported(`${T}[0].effect`, 'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'),
      ],
    ],
    [
      'Exists with a value, and a bad Equal value',
      pod({}, { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }, { key: 'k', operator: 'Equal', value: 'a b' }] }),
      [
        inv(`${T}[0].operator`, `Invalid value: {"key":"k","operator":"Exists","value":"v"}: value must be empty when \`operator\` is 'Exists'`),
        inv(`${T}[1].operator`, `Invalid value: "a b": ${LABEL_VALUE}`),
      ],
    ],
  ]);
});
