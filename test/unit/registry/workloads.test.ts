import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { deployments } from '../../../lib/registry/kinds/deployment.ts';
import { replicaSets } from '../../../lib/registry/kinds/replicaset.ts';
import { goLabelSelector, goStringMap } from '../../../lib/registry/kinds/workload.ts';
import type { ResourceType } from '../../../lib/registry/resource-type.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

function workload(type: ResourceType, spec: Json = {}, template: Json = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: type.kind,
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] }, ...template },
      ...spec,
    },
  };
}

function createAndValidate(type: ResourceType, obj: KubeObject): StatusCause[] {
  const s = type.strategy;
  return s.validate!(s.prepareForCreate!(s.defaults!(obj)));
}

const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });

describe('Go value rendering', () => {
  it('prints maps and selectors as %#v does', () => {
    expect(goStringMap({ tier: 'b', app: 'a"x' })).toBe('map[string]string{"app":"a\\"x", "tier":"b"}');
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
    expect(goLabelSelector({ matchLabels: { app: 'x' } })).toBe('v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}');
    expect(goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['a', 'b'] }, { key: 'e', operator: 'Exists' }] })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"a", "b"}}, v1.LabelSelectorRequirement{Key:"e", Operator:"Exists", Values:[]string(nil)}}}',
    );
  });
});

describe('deployment defaults', () => {
  it('fills replicas, strategy, limits and the pod template', () => {
    const d = deployments.strategy.defaults!(workload(deployments));
    const spec = d['spec'] as Json;
    expect(spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    const tspec = (spec['template'] as Json)['spec'] as Json;
    expect(tspec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, securityContext: {} });
    expect((tspec['containers'] as Json[])[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
    expect(tspec['enableServiceLinks']).toBeUndefined();
  });

  it('keeps a Recreate strategy without rollingUpdate, and user values', () => {
    const d = deployments.strategy.defaults!(workload(deployments, { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 }));
    expect(d['spec']).toMatchObject({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 });
    expect(((d['spec'] as Json)['strategy'] as Json)['rollingUpdate']).toBeUndefined();
  });

  it('fills a partial rollingUpdate', () => {
    const d = deployments.strategy.defaults!(workload(deployments, { strategy: { rollingUpdate: { maxSurge: 1 } } }));
    expect((d['spec'] as Json)['strategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });

  it('does not mutate its input and starts with an empty status', () => {
    const input = workload(deployments);
    const before = structuredClone(input);
    const d = deployments.strategy.prepareForCreate!(deployments.strategy.defaults!(input));
    expect(input).toEqual(before);
    expect(d['status']).toEqual({});
  });
});

describe('deployment validation', () => {
  const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
  const cases: Array<[string, Json, Json, StatusCause[]]> = [
    ['valid', {}, {}, []],
    ['selector missing', { selector: undefined }, {}, [
      { reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' },
      inv('spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]],
    ['selector empty', { selector: {} }, {}, [
      inv('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'),
    ]],
    ['selector does not match', { selector: { matchLabels: { app: 'x' } } }, {}, [
      inv('spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]],
    ['bad selector operator', { selector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] } }, {}, [
      inv('spec.selector.matchExpressions[0].operator', 'Invalid value: "Is": not a valid selector operator'),
      inv('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Is", Values:[]string{"web"}}}}: invalid label selector'),
    ]],
    ['restartPolicy Never', {}, { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'nginx' }] } }, [
      { reason: 'FieldValueNotSupported', field: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Never": supported values: "Always"' },
    ]],
    ['activeDeadlineSeconds', {}, { spec: { activeDeadlineSeconds: 5, containers: [{ name: 'app', image: 'nginx' }] } }, [
      { reason: 'FieldValueForbidden', field: 'spec.template.spec.activeDeadlineSeconds', message: 'Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported' },
    ]],
    ['no containers', {}, { spec: {} }, [{ reason: 'FieldValueRequired', field: 'spec.template.spec.containers', message: 'Required value' }]],
    ['negative replicas', { replicas: -1 }, {}, [inv('spec.replicas', 'Invalid value: -1: must be greater than or equal to 0')]],
    ['maxSurge and maxUnavailable both 0', { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }, {}, [
      inv('spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'),
    ]],
    ['0% and 0', { strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } }, {}, [
      inv('spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'),
    ]],
    ['bad percent', { strategy: { rollingUpdate: { maxSurge: 'lots' } } }, {}, [
      inv('spec.strategy.rollingUpdate.maxSurge', `Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"lots"}: ${PERCENT}`),
    ]],
    ['maxUnavailable over 100%', { strategy: { rollingUpdate: { maxUnavailable: '150%' } } }, {}, [
      inv('spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'),
    ]],
    ['Recreate with rollingUpdate', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }, {}, [
      { reason: 'FieldValueForbidden', field: 'spec.strategy.rollingUpdate', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" },
    ]],
    ['unknown strategy type', { strategy: { type: 'BlueGreen' } }, {}, [
      { reason: 'FieldValueNotSupported', field: 'spec.strategy', message: 'Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"' },
    ]],
    ['progress deadline not after minReady', { minReadySeconds: 600 }, {}, [inv('spec.progressDeadlineSeconds', 'Invalid value: 600: must be greater than minReadySeconds')]],
    ['bad template label', { selector: { matchLabels: { app: 'web' } } }, { metadata: { labels: { app: 'web', 'a b': 'x' } } }, [
      inv('spec.template.labels', "Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
    ]],
  ];
  it.each(cases)('%s', (_name, spec, template, want) => {
    expect(createAndValidate(deployments, workload(deployments, spec, template))).toEqual(want);
  });

  it('checks status counters', () => {
    const d = deployments.strategy.defaults!(workload(deployments));
    expect(deployments.strategy.validate!({ ...d, status: { replicas: 1, readyReplicas: 2, availableReplicas: 1 } })).toEqual([
      inv('status.readyReplicas', 'Invalid value: 2: cannot be greater than status.replicas'),
    ]);
  });
});

describe.each([deployments, replicaSets])('$kind update and scale', (type) => {
  const s = type.strategy;
  const old = s.prepareForCreate!(s.defaults!(workload(type)));

  it('refuses a selector change', () => {
    const next = s.defaults!(workload(type, { selector: { matchLabels: { app: 'web', tier: 'f' } } }, { metadata: { labels: { app: 'web', tier: 'f' } } }));
    expect(s.validateUpdate!(next, old)).toEqual([
      inv('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"f"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'),
    ]);
  });

  it('allows the same selector spelled with an empty expression list', () => {
    const next = s.defaults!(workload(type, { selector: { matchLabels: { app: 'web' }, matchExpressions: [] } }));
    expect(s.validateUpdate!(next, old)).toEqual([]);
  });

  it('reads and writes replicas through scale', () => {
    const scale = s.scale!;
    const withStatus = { ...old, status: { replicas: 3 } };
    expect(scale.specReplicas(withStatus)).toBe(1);
    expect(scale.statusReplicas(withStatus)).toBe(3);
    expect(scale.statusReplicas(old)).toBe(0);
    const scaled = scale.setSpecReplicas(withStatus, 5);
    expect(scale.specReplicas(scaled)).toBe(5);
    expect(scale.specReplicas(withStatus)).toBe(1);
    const expr = s.defaults!(workload(type, { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] } }));
    expect(scale.selector(expr)).toBe('app=web,env in (dev,prod)');
  });

  it('is served with status and scale', () => {
    expect(type).toMatchObject({ group: 'apps', version: 'v1', namespaced: true, categories: ['all'], subresources: ['status', 'scale'] });
    expect(s.hasStatus).toBe(true);
  });
});

describe('replicaset', () => {
  it('defaults replicas and template, and starts with replicas 0 in status', () => {
    const rs = replicaSets.strategy.prepareForCreate!(replicaSets.strategy.defaults!(workload(replicaSets)));
    expect((rs['spec'] as Json)['replicas']).toBe(1);
    expect((((rs['spec'] as Json)['template'] as Json)['spec'] as Json)['restartPolicy']).toBe('Always');
    expect(rs['status']).toEqual({ replicas: 0 });
    expect(replicaSets.strategy.validate!(rs)).toEqual([]);
  });

  it('applies the same selector rules as deployments', () => {
    expect(createAndValidate(replicaSets, workload(replicaSets, { selector: { matchLabels: { app: 'other' } } }))).toEqual([
      inv('spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]);
    expect(createAndValidate(replicaSets, workload(replicaSets, { selector: {} }))).toEqual([
      inv('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'),
    ]);
  });

  it('checks status counters', () => {
    const rs = replicaSets.strategy.defaults!(workload(replicaSets));
    expect(replicaSets.strategy.validate!({ ...rs, status: { replicas: 1, fullyLabeledReplicas: -1 } })).toEqual([
      inv('status.fullyLabeledReplicas', 'Invalid value: -1: must be greater than or equal to 0'),
    ]);
  });
});
