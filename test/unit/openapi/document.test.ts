import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openApiV3Document, openApiV3Root, openApiV3Serialized } from '../../../lib/apiserver/openapi/document.ts';
import { Registry } from '../../../lib/registry/registry.ts';
import type { ResourceType } from '../../../lib/registry/resource-type.ts';
import { configMap, deployment, fixtureRegistry, lease, namespace, pod } from '../discovery/fixture-registry.ts';

type Op = Record<string, unknown> & { parameters?: Array<{ name: string }>; requestBody?: { content: Record<string, unknown> } };
type Item = Record<string, Op>;

const registry = fixtureRegistry();
const core = openApiV3Document(registry, '', 'v1');
const apps = openApiV3Document(registry, 'apps', 'v1');
const item = (doc: typeof core, path: string): Item => {
  const found = doc.paths[path] as Item | undefined;
  if (!found) throw new Error(`no path ${path}`);
  return found;
};
const paramNames = (op: Op) => (op.parameters ?? []).map((p) => p.name);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('openApiV3Root', () => {
  it('points at one document per served group-version, by content hash', () => {
    const root = openApiV3Root(registry);
    expect(Object.keys(root.paths)).toEqual(['api/v1', 'apis/apps/v1', 'apis/coordination.k8s.io/v1']);
    for (const [path, { serverRelativeURL }] of Object.entries(root.paths)) {
      expect(serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${path.replace(/\./g, '\\.')}\\?hash=[0-9A-F]{128}$`));
    }
    const served = openApiV3Serialized(registry, 'apps', 'v1')!;
    expect(root.paths['apis/apps/v1']!.serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${served.hash}`);
    expect(served.hash).toBe(createHash('sha512').update(served.json).digest('hex').toUpperCase());
    expect(JSON.parse(served.json)).toEqual(served.document);
  });

  it('hashes content, so an identical registry gets identical URLs and a different one does not', () => {
    expect(openApiV3Root(new Registry([...registry.all()]))).toEqual(openApiV3Root(registry));
    const fewer = openApiV3Root(new Registry([pod, namespace, deployment, lease]));
    expect(fewer.paths['api/v1']).not.toEqual(openApiV3Root(registry).paths['api/v1']);
    expect(fewer.paths['apis/apps/v1']).toEqual(openApiV3Root(registry).paths['apis/apps/v1']);
  });
});

describe('openApiV3Document', () => {
  it('is built once per registry and shared frozen', () => {
    expect(openApiV3Document(registry, 'apps', 'v1')).toBe(apps);
    expect(Object.isFrozen(apps.components.schemas)).toBe(true);
    expect(apps.openapi).toBe('3.0.0');
  });

  it('lays out kube’s paths for namespaced and cluster-scoped resources', () => {
    expect(Object.keys(core.paths)).toEqual([
      '/api/v1/',
      '/api/v1/configmaps',
      '/api/v1/namespaces',
      '/api/v1/namespaces/{namespace}/configmaps',
      '/api/v1/namespaces/{namespace}/configmaps/{name}',
      '/api/v1/namespaces/{namespace}/pods',
      '/api/v1/namespaces/{namespace}/pods/{name}',
      '/api/v1/namespaces/{namespace}/pods/{name}/binding',
      '/api/v1/namespaces/{namespace}/pods/{name}/status',
      '/api/v1/namespaces/{name}',
      '/api/v1/namespaces/{name}/status',
      '/api/v1/pods',
    ]);
    const pods = item(core, '/api/v1/namespaces/{namespace}/pods');
    expect(Object.keys(pods).filter((k) => METHODS.includes(k)).sort()).toEqual(['delete', 'get', 'post']);
    expect(pods.get!['x-kubernetes-action']).toBe('list');
    expect(pods.get!.operationId).toBe('listCoreV1NamespacedPod');
    expect(pods.post!['x-kubernetes-action']).toBe('post');
    expect(pods.delete!['x-kubernetes-action']).toBe('deletecollection');
    expect(pods.delete!.operationId).toBe('deleteCoreV1CollectionNamespacedPod');
    expect(item(core, '/api/v1/pods').get!.operationId).toBe('listCoreV1PodForAllNamespaces');
    // Namespaces cannot be deleted as a collection, so that operation is absent.
    expect(Object.keys(item(core, '/api/v1/namespaces')).filter((k) => METHODS.includes(k)).sort()).toEqual(['get', 'post']);
    expect(item(core, '/api/v1/namespaces/{name}').get!.operationId).toBe('readCoreV1Namespace');
    const podItem = item(core, '/api/v1/namespaces/{namespace}/pods/{name}');
    expect(Object.keys(podItem).filter((k) => METHODS.includes(k)).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect((podItem.parameters as unknown as Array<{ name: string }>).map((p) => p.name)).toEqual(['name', 'namespace', 'pretty']);
  });

  it('tags every operation with its action and group-version-kind', () => {
    for (const [path, pathItem] of Object.entries({ ...core.paths, ...apps.paths })) {
      if (path.endsWith('/')) continue;
      for (const method of METHODS) {
        const op = (pathItem as Item)[method];
        if (!op) continue;
        expect(op['x-kubernetes-action'], `${method} ${path}`).toMatch(/^(get|list|post|put|patch|delete|deletecollection)$/);
        expect(op['x-kubernetes-group-version-kind'], `${method} ${path}`).toMatchObject({ version: 'v1' });
      }
    }
    expect(item(apps, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}').patch!['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
  });

  it('gives every PATCH what kubectl needs for server-side validation and strategic merge', () => {
    let patches = 0;
    for (const pathItem of Object.values({ ...core.paths, ...apps.paths })) {
      const patch = (pathItem as Item).patch;
      if (!patch) continue;
      patches++;
      expect(paramNames(patch)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
      expect(Object.keys(patch.requestBody!.content)).toEqual([
        'application/apply-patch+yaml',
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ]);
    }
    expect(patches).toBe(8);
  });

  it('lets POST and PUT carry fieldValidation, dryRun and fieldManager', () => {
    const pods = item(core, '/api/v1/namespaces/{namespace}/pods');
    expect(paramNames(pods.post!)).toEqual(['dryRun', 'fieldManager', 'fieldValidation']);
    expect(paramNames(item(core, '/api/v1/namespaces/{namespace}/pods/{name}').put!)).toEqual(['dryRun', 'fieldManager', 'fieldValidation']);
    expect(paramNames(pods.get!)).toContain('labelSelector');
    expect(paramNames(pods.delete!)).toContain('propagationPolicy');
  });

  it('describes subresources with the kind they speak', () => {
    const binding = item(core, '/api/v1/namespaces/{namespace}/pods/{name}/binding');
    expect(Object.keys(binding).filter((k) => METHODS.includes(k))).toEqual(['post']);
    expect(binding.post!.operationId).toBe('createCoreV1NamespacedPodBinding');
    expect(binding.post!['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Binding' });
    const status = item(core, '/api/v1/namespaces/{namespace}/pods/{name}/status');
    expect(Object.keys(status).filter((k) => METHODS.includes(k)).sort()).toEqual(['get', 'patch', 'put']);
    expect(status.get!['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    const scale = item(apps, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale');
    expect(scale.put!.operationId).toBe('replaceAppsV1NamespacedDeploymentScale');
    expect(scale.patch!['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(JSON.stringify(scale.get!.responses)).toContain('#/components/schemas/io.k8s.api.autoscaling.v1.Scale');
  });

  it('offers no strategic merge patch for kinds the server cannot strategic-merge', () => {
    const widget: ResourceType = { ...configMap, group: 'example.com', kind: 'Widget', resource: 'widgets', singular: 'widget' };
    const doc = openApiV3Document(new Registry([widget]), 'example.com', 'v1');
    const patch = item(doc, '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}').patch!;
    expect(Object.keys(patch.requestBody!.content)).toEqual(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
    expect(paramNames(patch)).toContain('fieldValidation');
    expect(patch.operationId).toBe('patchExampleComV1NamespacedWidget');
  });

  it('gives a group-version nobody serves no resource paths', () => {
    const doc = openApiV3Document(registry, 'nope.io', 'v1');
    expect(Object.keys(doc.paths)).toEqual(['/apis/nope.io/v1/']);
    expect(openApiV3Serialized(registry, 'nope.io', 'v1')).toBeUndefined();
  });
});
