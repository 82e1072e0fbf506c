import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { defaultPodTemplate, defaultPullPolicy, imageTag } from '../../../lib/registry/kinds/pod-defaults.ts';
import { podQosClass } from '../../../lib/registry/kinds/pod-qos.ts';
import { POD_UPDATE_FORBIDDEN_MSG } from '../../../lib/registry/kinds/pod-update.ts';
import { podFieldSet, pods } from '../../../lib/registry/kinds/pod.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;
const S = pods.strategy;

function pod(spec: Json = {}, ctr: Json = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...ctr }], ...spec },
  };
}

/** What the generic registry does on create, minus storage. */
function created(obj: KubeObject): KubeObject {
  return S.prepareForCreate!(S.defaults!(obj));
}

function specOf(obj: KubeObject): Json {
  return obj['spec'] as Json;
}

function container(obj: KubeObject, i = 0): Json {
  return (specOf(obj)['containers'] as Json[])[i]!;
}

const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

describe('pod defaults', () => {
  it('fills the PodSpec, container and admission defaults kube shows on a new pod', () => {
    const p = created(pod());
    expect(specOf(p)).toEqual({
      containers: [{
        name: 'app',
        image: 'nginx:1.27',
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      tolerations: [notReady, unreachable],
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(p['status']).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('keeps what the user set', () => {
    const p = created(pod({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, enableServiceLinks: false, serviceAccountName: 'builder' }));
    expect(specOf(p)).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, enableServiceLinks: false, serviceAccountName: 'builder', serviceAccount: 'builder' });
  });

  it('reads the deprecated serviceAccount alias when serviceAccountName is unset', () => {
    expect(specOf(created(pod({ serviceAccount: 'legacy' })))).toMatchObject({ serviceAccountName: 'legacy', serviceAccount: 'legacy' });
  });

  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.27', '1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'latest', 'Always'],
    ['registry.local:5000/team/app:v2', 'v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, '', 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'latest', 'Always'],
    ['Nginx', '', 'IfNotPresent'],
    ['', '', 'IfNotPresent'],
  ])('image %j has tag %j and pull policy %s', (image, tag, policy) => {
    expect(imageTag(image)).toBe(tag);
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('defaults probes, lifecycle handlers, ports and env field refs', () => {
    const p = S.defaults!(pod({}, {
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
      livenessProbe: { httpGet: { port: 80 }, periodSeconds: 5 },
      startupProbe: { grpc: { port: 9000 } },
      lifecycle: { preStop: { httpGet: { port: 80, path: '/quit' } } },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    }));
    const c = container(p);
    expect(c['ports']).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
    expect(c['livenessProbe']).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c['startupProbe']).toEqual({ grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c['lifecycle']).toEqual({ preStop: { httpGet: { port: 80, path: '/quit', scheme: 'HTTP' } } });
    expect(c['env']).toEqual([{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
  });

  it('defaults volumes', () => {
    const p = S.defaults!(pod({
      volumes: [
        { name: 'scratch' },
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
        { name: 'host', hostPath: { path: '/var' } },
        { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    }));
    expect(specOf(p)['volumes']).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'host', hostPath: { path: '/var', type: '' } },
      { name: 'proj', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    ]);
  });

  it('copies limits into missing requests, for pods only', () => {
    const c = container(S.defaults!(pod({}, { resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } } })));
    expect(c['resources']).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    const template = defaultPodTemplate({ spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } }) as Json;
    const tspec = template['spec'] as Json;
    expect((tspec['containers'] as Json[])[0]!['resources']).toEqual({ limits: { cpu: '1' } });
    // Pod-only defaults stay out of templates, as in kube.
    expect(tspec['enableServiceLinks']).toBeUndefined();
    expect(tspec['tolerations']).toBeUndefined();
    expect(tspec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
  });

  it('makes container ports host ports under hostNetwork', () => {
    const c = container(S.defaults!(pod({ hostNetwork: true }, { ports: [{ containerPort: 8080 }] })));
    expect(c['ports']).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });

  it('does not mutate its input', () => {
    const input = pod({}, { resources: { limits: { cpu: '1' } } });
    const before = structuredClone(input);
    created(input);
    expect(input).toEqual(before);
  });

  it('survives malformed specs and leaves them to validation', () => {
    expect(() => S.defaults!({ ...pod(), spec: 'nope' })).not.toThrow();
    expect(() => S.defaults!({ ...pod(), spec: { containers: 'nope', volumes: [1, null] } })).not.toThrow();
  });
});

describe('DefaultTolerationSeconds', () => {
  const cases: Array<[string, Json[] | undefined, Json[]]> = [
    ['none set', undefined, [notReady, unreachable]],
    ['not-ready already tolerated', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }, unreachable]],
    ['an empty effect tolerates NoExecute', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady]],
    ['the tolerate-everything wildcard', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    ['a NoSchedule toleration does not count', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable]],
  ];
  it.each(cases)('%s', (_name, tolerations, want) => {
    expect(specOf(S.defaults!(pod(tolerations ? { tolerations } : {})))['tolerations']).toEqual(want);
  });
});

describe('pod create', () => {
  it('resolves system priority classes and leaves unknown ones alone', () => {
    expect(specOf(created(pod({ priorityClassName: 'system-node-critical' })))).toMatchObject({ priority: 2000001000 });
    expect(specOf(created(pod({ priorityClassName: 'gold' })))['priority']).toBeUndefined();
  });

  it('marks a gated pod as not scheduled', () => {
    expect(created(pod({ schedulingGates: [{ name: 'example.com/wait' }] }))['status']).toEqual({
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }],
    });
  });

  it('exposes kube field-selector values', () => {
    const p = created(pod());
    expect(podFieldSet({ ...p, status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] } })).toMatchObject({
      'spec.hostNetwork': 'false', 'spec.schedulerName': 'default-scheduler', 'status.phase': 'Running', 'status.podIP': '10.0.0.5', 'spec.nodeName': '',
    });
  });
});

describe('QoS class', () => {
  const res = (requests?: Json, limits?: Json): Json => ({ resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });
  const cases: Array<[string, Json, Json[], string]> = [
    ['nothing requested', {}, [], 'BestEffort'],
    ['only other resources', res({ 'ephemeral-storage': '1Gi' }), [], 'BestEffort'],
    ['zero quantities count as unset', res({ cpu: '0' }, { memory: '0' }), [], 'BestEffort'],
    ['limits equal requests', res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), [], 'Guaranteed'],
    ['equal in different units', res({ cpu: '1000m', memory: '1024Mi' }, { cpu: '1', memory: '1Gi' }), [], 'Guaranteed'],
    ['limits only (requests defaulted from them)', res(undefined, { cpu: '1', memory: '1Gi' }), [], 'Guaranteed'],
    ['requests below limits', res({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), [], 'Burstable'],
    ['cpu limit only', res(undefined, { cpu: '1' }), [], 'Burstable'],
    ['requests only', res({ memory: '64Mi' }), [], 'Burstable'],
    ['an unlimited init container spoils Guaranteed', res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), [{ name: 'init', image: 'busybox', ...res({ cpu: '1' }) }], 'Burstable'],
  ];
  it.each(cases)('%s', (_name, ctr, init, want) => {
    const p = created(pod(init.length ? { initContainers: init } : {}, ctr));
    expect((p['status'] as Json)['qosClass']).toBe(want);
  });

  it('uses pod-level resources when set', () => {
    expect(podQosClass({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, containers: [{ name: 'a' }] })).toBe('Guaranteed');
  });
});

describe('pod validation', () => {
  it('accepts a defaulted pod', () => {
    expect(S.validate!(created(pod()))).toEqual([]);
  });

  it('validates the spec at spec', () => {
    expect(S.validate!(created(pod({ restartPolicy: 'Sometimes' })))).toEqual([
      { reason: 'FieldValueNotSupported', field: 'spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
    ]);
  });
});

describe('pod update', () => {
  const forbiddenSpec: StatusCause = { reason: 'FieldValueForbidden', field: 'spec', message: `Forbidden: ${POD_UPDATE_FORBIDDEN_MSG}` };
  const base = created(pod({ activeDeadlineSeconds: 100, terminationGracePeriodSeconds: -1, tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }));
  const change = (mutate: (spec: Json) => void): KubeObject => {
    const next = structuredClone(base);
    mutate(specOf(next));
    return S.defaults!(next);
  };
  const cases: Array<[string, (spec: Json) => void, StatusCause[]]> = [
    ['nothing changed', () => {}, []],
    ['image changed', (s) => { (s['containers'] as Json[])[0]!['image'] = 'nginx:1.28'; }, []],
    ['activeDeadlineSeconds lowered', (s) => { s['activeDeadlineSeconds'] = 50; }, []],
    ['activeDeadlineSeconds raised', (s) => { s['activeDeadlineSeconds'] = 200; },
      [{ reason: 'FieldValueInvalid', field: 'spec.activeDeadlineSeconds', message: 'Invalid value: 200: must be less than or equal to previous value' }]],
    ['activeDeadlineSeconds removed', (s) => { delete s['activeDeadlineSeconds']; },
      [{ reason: 'FieldValueInvalid', field: 'spec.activeDeadlineSeconds', message: 'Invalid value: null: must not update from a positive integer to nil value' }]],
    ['toleration added', (s) => { (s['tolerations'] as Json[]).push({ key: 'disk', operator: 'Exists' }); }, []],
    ['toleration seconds changed', (s) => { (s['tolerations'] as Json[])[1]!['tolerationSeconds'] = 10; }, []],
    ['toleration changed', (s) => { (s['tolerations'] as Json[])[0]!['effect'] = 'NoExecute'; },
      [{ reason: 'FieldValueForbidden', field: 'spec.tolerations', message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds' }]],
    ['negative grace period repaired to 1', (s) => { s['terminationGracePeriodSeconds'] = 1; }, []],
    ['grace period changed otherwise', (s) => { s['terminationGracePeriodSeconds'] = 5; }, [forbiddenSpec]],
    ['container port added', (s) => { (s['containers'] as Json[])[0]!['ports'] = [{ containerPort: 80 }]; }, [forbiddenSpec]],
    ['nodeName set outside binding', (s) => { s['nodeName'] = 'node-1'; }, [forbiddenSpec]],
    ['container added', (s) => { (s['containers'] as Json[]).push({ name: 'b', image: 'b' }); },
      [{ reason: 'FieldValueForbidden', field: 'spec.containers', message: 'Forbidden: pod updates may not add or remove containers' }]],
    ['scheduling gate added', (s) => { s['schedulingGates'] = [{ name: 'g2' }]; },
      [{ reason: 'FieldValueForbidden', field: 'spec.schedulingGates[0].name', message: "Forbidden: only deletion is allowed, but found new scheduling gate 'g2'" }]],
  ];
  it.each(cases)('%s', (_name, mutate, want) => {
    expect(S.validateUpdate!(change(mutate), base)).toEqual(want);
  });

  it('re-adds the default tolerations a PUT left out (kube runs DefaultTolerationSeconds on update too)', () => {
    expect(S.validateUpdate!(change((s) => { s['tolerations'] = [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]; }), base)).toEqual([]);
  });

  it('lets a gate be removed', () => {
    const gated = created(pod({ schedulingGates: [{ name: 'a' }, { name: 'b' }] }));
    const next = structuredClone(gated);
    specOf(next)['schedulingGates'] = [{ name: 'b' }];
    expect(S.validateUpdate!(next, gated)).toEqual([]);
  });
});

describe('pod resource type', () => {
  it('is served as kube serves it', () => {
    expect(pods).toMatchObject({ group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', shortNames: ['po'], categories: ['all'], namespaced: true, subresources: ['status', 'binding', 'log'] });
    expect(S).toMatchObject({ modelName: 'V1Pod', nameRule: 'dns1123-subdomain', hasStatus: true });
  });
});
