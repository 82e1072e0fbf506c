import { describe, expect, it } from 'vitest';
import { patchSchemaFor } from '../../../lib/api/patch/builtin-patch-schemas.ts';
import { openApiV3Document, type OpenApiV3Document } from '../../../lib/apiserver/openapi/document.ts';
import { fixtureRegistry } from '../discovery/fixture-registry.ts';
import { expectAgreement, schemaForKind, walkObject, type Schema } from './kubectl-lookup.ts';

const registry = fixtureRegistry();
const core = openApiV3Document(registry, '', 'v1');
const apps = openApiV3Document(registry, 'apps', 'v1');
const coordination = openApiV3Document(registry, 'coordination.k8s.io', 'v1');
const schema = (doc: OpenApiV3Document, name: string): Schema => {
  const s = doc.components.schemas[name];
  if (!s) throw new Error(`no schema ${name}`);
  return s;
};
const prop = (doc: OpenApiV3Document, name: string, field: string): Schema => (schema(doc, name).properties as Record<string, Schema>)[field]!;
/** A schema's shape without its documentation (checked in docs.test.ts). */
const shape = ({ description: _d, ...rest }: Schema): Schema => rest;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('components.schemas', () => {
  it('is self-contained: every $ref resolves inside the document', () => {
    for (const doc of [core, apps, coordination]) {
      for (const ref of refs(doc)) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
      }
    }
  });

  it('names schemas like kube, including types borrowed from other groups', () => {
    const names = Object.keys(apps.components.schemas);
    for (const name of [
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentList',
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.apps.v1.RollingUpdateDeployment',
      'io.k8s.api.core.v1.PodTemplateSpec',
      'io.k8s.api.core.v1.Container',
      'io.k8s.api.autoscaling.v1.Scale',
      'io.k8s.api.autoscaling.v1.ScaleSpec',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(names.filter((n) => n.startsWith('io.k8s.api.apps.v1.Pod'))).toEqual([]);
    expect(Object.keys(coordination.components.schemas)).toContain('io.k8s.api.coordination.v1.LeaseSpec');
    expect(Object.keys(core.components.schemas)).toContain('io.k8s.api.core.v1.Binding');
  });

  it('marks the wire form of each kind with x-kubernetes-group-version-kind', () => {
    const gvk = (doc: OpenApiV3Document, name: string) => schema(doc, name)['x-kubernetes-group-version-kind'];
    expect(gvk(core, 'io.k8s.api.core.v1.Pod')).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(gvk(core, 'io.k8s.api.core.v1.PodList')).toEqual([{ group: '', version: 'v1', kind: 'PodList' }]);
    expect(gvk(core, 'io.k8s.api.core.v1.Binding')).toEqual([{ group: '', version: 'v1', kind: 'Binding' }]);
    expect(gvk(core, 'io.k8s.api.core.v1.PodSpec')).toBeUndefined();
    expect(gvk(apps, 'io.k8s.api.apps.v1.Deployment')).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(gvk(apps, 'io.k8s.api.autoscaling.v1.Scale')).toEqual([{ group: 'autoscaling', version: 'v1', kind: 'Scale' }]);
    expect(gvk(apps, 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions')).toEqual([
      { group: '', version: 'v1', kind: 'DeleteOptions' },
      { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
      { group: 'coordination.k8s.io', version: 'v1', kind: 'DeleteOptions' },
    ]);
  });

  it('uses kube’s shapes for Time, IntOrString and Quantity', () => {
    expect(shape(schema(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.Time'))).toEqual({ type: 'string', format: 'date-time' });
    expect(shape(schema(core, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString'))).toEqual({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(shape(schema(core, 'io.k8s.apimachinery.pkg.api.resource.Quantity'))).toEqual({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(shape(schema(coordination, 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'))).toEqual({ type: 'string', format: 'date-time' });
    expect(shape(prop(core, 'io.k8s.api.core.v1.ResourceRequirements', 'limits'))).toEqual({
      type: 'object',
      additionalProperties: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }] },
    });
    expect(shape(prop(core, 'io.k8s.api.core.v1.ContainerPort', 'containerPort'))).toEqual({ type: 'integer', format: 'int32' });
    expect(shape(prop(core, 'io.k8s.api.core.v1.ConfigMap', 'binaryData'))).toEqual({ type: 'object', additionalProperties: { type: 'string', format: 'byte' } });
    expect(shape(prop(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', 'fieldsV1'))).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1' }],
    });
  });

  it('carries patch strategies and list topology where kube does', () => {
    expect(prop(core, 'io.k8s.api.core.v1.Container', 'ports')).toMatchObject({
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'containerPort',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(prop(core, 'io.k8s.api.core.v1.PodSpec', 'volumes')).toMatchObject({ 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' });
    expect(shape(prop(core, 'io.k8s.api.core.v1.PodSpec', 'tolerations'))).toEqual({
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Toleration' }] },
      'x-kubernetes-list-type': 'atomic',
    });
    expect(prop(core, 'io.k8s.api.core.v1.PodSpec', 'nodeSelector')).toMatchObject({ 'x-kubernetes-map-type': 'atomic' });
    expect(prop(core, 'io.k8s.api.core.v1.EphemeralContainer', 'env')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name' });
    expect(prop(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')).toMatchObject({
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schema(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')['x-kubernetes-map-type']).toBe('atomic');
    expect(prop(apps, 'io.k8s.api.apps.v1.DeploymentSpec', 'strategy')).toMatchObject({ 'x-kubernetes-patch-strategy': 'retainKeys' });
  });
});

describe('what kubectl reads from these schemas', () => {
  it('agrees with the server’s strategic merge schemas, field for field', () => {
    const cases: Array<[OpenApiV3Document, string, string]> = [
      [core, '', 'Pod'],
      [core, '', 'Namespace'],
      [core, '', 'ConfigMap'],
      [apps, 'apps', 'Deployment'],
      [coordination, 'coordination.k8s.io', 'Lease'],
    ];
    let total = 0;
    for (const [doc, group, kind] of cases) {
      total += expectAgreement(doc, schemaForKind(doc, { group, version: 'v1', kind }), patchSchemaFor(group, kind)!, kind);
    }
    expect(total).toBeGreaterThan(40);
  });

  it('covers every field of realistic objects, so kubectl never falls back with a warning', () => {
    const podSpec = {
      containers: [
        {
          name: 'a',
          image: 'nginx',
          env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '1' } },
          volumeMounts: [{ name: 'v', mountPath: '/d' }],
          readinessProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'h', value: 'v' }] } },
          securityContext: { capabilities: { add: ['NET_ADMIN'] } },
        },
      ],
      volumes: [{ name: 'v', configMap: { name: 'c', items: [{ key: 'a', path: 'a' }] } }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } } },
      tolerations: [{ key: 'k', operator: 'Exists' }],
    };
    const meta = { name: 'x', labels: { a: 'b' }, annotations: { c: 'd' }, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u' }] };
    walkObject(core, schemaForKind(core, { group: '', version: 'v1', kind: 'Pod' }), {
      metadata: meta,
      spec: podSpec,
      status: { conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'a', state: { running: { startedAt: 'x' } } }] },
    });
    walkObject(apps, schemaForKind(apps, { group: 'apps', version: 'v1', kind: 'Deployment' }), {
      metadata: meta,
      spec: { selector: { matchLabels: { a: 'b' } }, strategy: { rollingUpdate: { maxSurge: 1 } }, template: { metadata: meta, spec: podSpec } },
      status: { conditions: [{ type: 'Available', status: 'True' }] },
    });
    expect(() => walkObject(core, schemaForKind(core, { group: '', version: 'v1', kind: 'Pod' }), { spec: { bogus: { x: 1 } } })).toThrow(
      'unable to find api field "bogus"',
    );
  });
});
