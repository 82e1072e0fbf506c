import { describe, expect, it } from 'vitest';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  wantsAggregatedDiscovery,
} from '../../../lib/apiserver/discovery/aggregated.ts';
import { fixtureRegistry } from './fixture-registry.ts';

const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('aggregated discovery', () => {
  it('has the exact content type kubectl keys on', () => {
    expect(AGGREGATED_DISCOVERY_CONTENT_TYPE).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });

  it('/api holds only the core group, without a name', () => {
    const list = aggregatedDiscovery(fixtureRegistry(), 'core');
    expect(list.kind).toBe('APIGroupDiscoveryList');
    expect(list.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(list.items).toHaveLength(1);
    const [core] = list.items;
    expect(core!.metadata).toEqual({});
    expect(core!.versions.map((v) => [v.version, v.freshness])).toEqual([['v1', 'Current']]);
    const resources = core!.versions[0]!.resources;
    expect(resources.map((r) => r.resource)).toEqual(['configmaps', 'namespaces', 'pods']);
    expect(resources.find((r) => r.resource === 'pods')).toEqual({
      resource: 'pods',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { subresource: 'binding', responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
        { subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    const ns = resources.find((r) => r.resource === 'namespaces')!;
    expect(ns.scope).toBe('Cluster');
    expect(ns.categories).toBeUndefined();
    const cm = resources.find((r) => r.resource === 'configmaps')!;
    expect(cm.subresources).toBeUndefined();
  });

  it('/apis holds the named groups', () => {
    const list = aggregatedDiscovery(fixtureRegistry(), 'apis');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['apps', 'coordination.k8s.io']);
    const deployments = list.items[0]!.versions[0]!.resources[0]!;
    expect(deployments.resource).toBe('deployments');
    expect(deployments.subresources).toEqual([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    const lease = list.items[1]!.versions[0]!.resources[0]!;
    expect(lease.shortNames).toBeUndefined();
  });
});

describe('wantsAggregatedDiscovery', () => {
  it('recognises kubectl’s Accept header', () => {
    expect(wantsAggregatedDiscovery(KUBECTL_ACCEPT)).toBe(true);
  });

  it('tolerates spacing, parameter order and quoting', () => {
    expect(wantsAggregatedDiscovery('application/json; as=APIGroupDiscoveryList; v=v2; g="apidiscovery.k8s.io"')).toBe(true);
    expect(wantsAggregatedDiscovery('Application/JSON;G=apidiscovery.k8s.io;V=v2;AS=APIGroupDiscoveryList')).toBe(true);
  });

  it('refuses plain JSON, other versions and q=0', () => {
    expect(wantsAggregatedDiscovery('')).toBe(false);
    expect(wantsAggregatedDiscovery('application/json')).toBe(false);
    expect(wantsAggregatedDiscovery('*/*')).toBe(false);
    expect(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList')).toBe(false);
    expect(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0, application/json')).toBe(false);
    expect(wantsAggregatedDiscovery('application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')).toBe(false);
  });
});
