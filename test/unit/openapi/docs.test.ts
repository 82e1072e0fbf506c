// What `kubectl explain` reads from the v3 documents: kube's descriptions, required fields
// and enums, on schemas that still carry the GVK, patch and list-topology extensions that
// `kubectl apply` and server-side apply depend on.
import { describe, expect, it } from 'vitest';
import { openApiV3Document, type OpenApiV3Document } from '../../../lib/apiserver/openapi/document.ts';
import { builtinRegistry } from '../../../lib/registry/builtin.ts';
import { Registry } from '../../../lib/registry/registry.ts';
import { ALL_VERBS, type ResourceType } from '../../../lib/registry/resource-type.ts';
import { schemaForKind, type Schema } from './kubectl-lookup.ts';

const registry = builtinRegistry();
const core = openApiV3Document(registry, '', 'v1');
const apps = openApiV3Document(registry, 'apps', 'v1');

const schema = (doc: OpenApiV3Document, name: string): Schema => doc.components.schemas[name]!;
const props = (s: Schema): Record<string, Schema> => s.properties as Record<string, Schema>;
const refName = (s: Schema): string => ((s.allOf as Schema[])[0]!.$ref as string).replace('#/components/schemas/', '');

describe('OpenAPI v3 documentation', () => {
  it('describes pod.spec.containers and every Container field, as kubectl explain walks them', () => {
    const pod = schemaForKind(core, { group: '', version: 'v1', kind: 'Pod' });
    expect(pod.description).toMatch(/^Pod is a collection of containers that can run on a host/);
    const podSpec = schema(core, refName(props(pod).spec!));
    const containers = props(podSpec).containers!;
    expect(containers.description).toMatch(/^List of containers belonging to the pod/);
    const container = schema(core, refName(containers.items as Schema));
    expect(container.description).toBe('A single application container that you want to run within a pod.');
    expect(container.required).toEqual(['name']);
    for (const [field, s] of Object.entries(props(container))) expect(s.description, `Container.${field}`).toMatch(/\w/);
    expect(props(container).imagePullPolicy).toMatchObject({ type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] });
    expect(props(container).imagePullPolicy!.description).toContain('Possible enum values:\n - `"Always"`');
  });

  it('keeps the list-map keys and patch metadata kubectl apply needs next to the descriptions', () => {
    const podSpec = props(schema(core, 'io.k8s.api.core.v1.PodSpec'));
    expect(podSpec.containers).toMatchObject({
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      description: expect.stringContaining('List of containers'),
    });
    expect(props(schema(core, 'io.k8s.api.core.v1.Container')).env).toMatchObject({ 'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-patch-merge-key': 'name' });
  });

  it('keeps x-kubernetes-group-version-kind on the described kinds', () => {
    for (const [doc, gvk] of [
      [core, { group: '', version: 'v1', kind: 'Service' }],
      [apps, { group: 'apps', version: 'v1', kind: 'Deployment' }],
    ] as const) {
      const s = schemaForKind(doc, gvk);
      expect(s['x-kubernetes-group-version-kind']).toEqual([gvk]);
      expect(s.description).toMatch(/\w/);
      // kubernetes-models types a kind's apiVersion and kind as literals; kube has neither enum nor required.
      expect(props(s).apiVersion).toEqual({ type: 'string', description: expect.stringMatching(/^APIVersion defines the versioned schema/) });
      expect(s.required).toBeUndefined();
    }
  });

  it('describes deployment.spec.strategy with its enum', () => {
    const strategy = props(schema(apps, 'io.k8s.api.apps.v1.DeploymentSpec')).strategy!;
    expect(strategy).toMatchObject({ 'x-kubernetes-patch-strategy': 'retainKeys', description: expect.stringMatching(/deployment strategy/) });
    expect(props(schema(apps, refName(strategy))).type).toMatchObject({ enum: ['Recreate', 'RollingUpdate'] });
  });

  it('describes the hand-shaped scalar schemas too', () => {
    expect(schema(core, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toMatchObject({ format: 'int-or-string', description: expect.stringMatching(/^IntOrString/) });
    expect(schema(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.Time').description).toMatch(/^Time is a wrapper/);
  });

  it('gives a newly registered kind its docs with no further work (discovery.k8s.io EndpointSlice)', () => {
    const endpointSlice: ResourceType = {
      group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice',
      namespaced: true, verbs: ALL_VERBS, subresources: [], strategy: { modelName: 'V1EndpointSlice', nameRule: 'dns1123-subdomain' },
    };
    const doc = openApiV3Document(new Registry([endpointSlice]), 'discovery.k8s.io', 'v1');
    const slice = schemaForKind(doc, { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' });
    expect(slice.description).toMatch(/^EndpointSlice represents/);
    expect(slice.required).toContain('addressType');
    expect(props(slice).addressType!.description).toMatch(/\w/);
    const endpoint = schema(doc, refName(props(slice).endpoints!.items as Schema));
    expect(endpoint.required).toEqual(['addresses']);
    expect(props(endpoint).conditions!.description).toMatch(/\w/);
  });
});
