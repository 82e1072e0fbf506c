import { describe, expect, it } from 'vitest';
import { apiGroupList, apiResourceList, apiVersions, storageVersionHash } from '../../../lib/apiserver/discovery/legacy.ts';
import { compareVersions, byPriority } from '../../../lib/apiserver/discovery/version-priority.ts';
import { Registry } from '../../../lib/registry/registry.ts';
import { deployment, fixtureRegistry, lease } from './fixture-registry.ts';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

describe('legacy discovery', () => {
  it('/api lists the core version', () => {
    expect(apiVersions()).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }],
    });
  });

  it('/apis lists the named groups, not the core group', () => {
    expect(apiGroupList(fixtureRegistry())).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
        {
          name: 'coordination.k8s.io',
          versions: [{ groupVersion: 'coordination.k8s.io/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'coordination.k8s.io/v1', version: 'v1' },
        },
      ],
    });
  });

  it('prefers GA over beta over alpha', () => {
    const registry = new Registry([{ ...lease, version: 'v1beta1' }, lease, { ...lease, version: 'v2alpha1' }]);
    const [group] = apiGroupList(registry).groups;
    expect(group!.versions.map((v) => v.version)).toEqual(['v1', 'v1beta1', 'v2alpha1']);
    expect(group!.preferredVersion).toEqual({ groupVersion: 'coordination.k8s.io/v1', version: 'v1' });
  });

  it('/api/v1 lists resources by name, each followed by its subresources', () => {
    const list = apiResourceList(fixtureRegistry(), '', 'v1');
    expect(list.kind).toBe('APIResourceList');
    expect(list.apiVersion).toBe('v1');
    expect(list.groupVersion).toBe('v1');
    expect(list.resources.map((r) => r.name)).toEqual(['configmaps', 'namespaces', 'namespaces/status', 'pods', 'pods/binding', 'pods/status']);
    expect(list.resources.find((r) => r.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ALL,
      shortNames: ['po'],
      categories: ['all'],
      storageVersionHash: 'xPOwRZ+Yhw8=',
    });
    expect(list.resources.find((r) => r.name === 'pods/status')).toEqual({
      name: 'pods/status',
      singularName: '',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'patch', 'update'],
    });
    expect(list.resources.find((r) => r.name === 'pods/binding')).toEqual({
      name: 'pods/binding',
      singularName: '',
      namespaced: true,
      kind: 'Binding',
      verbs: ['create'],
    });
    const ns = list.resources.find((r) => r.name === 'namespaces')!;
    expect(ns.namespaced).toBe(false);
    expect(ns.categories).toBeUndefined();
  });

  it('names the group of a subresource that speaks another group’s kind', () => {
    const list = apiResourceList(fixtureRegistry(), 'apps', 'v1');
    expect(list.groupVersion).toBe('apps/v1');
    expect(list.resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    expect(list.resources.find((r) => r.name === 'deployments')!.storageVersionHash).toBe(storageVersionHash(deployment));
  });

  it('answers an empty list for a group-version nobody serves', () => {
    expect(apiResourceList(fixtureRegistry(), 'nope', 'v1').resources).toEqual([]);
  });

  it('computes kube’s storage version hashes', () => {
    expect(storageVersionHash({ group: '', version: 'v1', kind: 'Pod' })).toBe('xPOwRZ+Yhw8=');
    expect(storageVersionHash({ group: '', version: 'v1', kind: 'Namespace' })).toBe('Q3oi5N2YM8M=');
  });
});

describe('version priority', () => {
  it('orders like kube', () => {
    expect(byPriority(['v1alpha1', 'v11alpha2', 'foo10', 'v1', 'v2beta1', 'v2', 'foo1', 'v1beta2', 'v1beta1'])).toEqual([
      'v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v11alpha2', 'v1alpha1', 'foo1', 'foo10',
    ]);
    expect(compareVersions('v1', 'v1')).toBe(0);
  });
});
