import { describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { builtinRegistry, builtinTypes } from '../../../lib/registry/builtin.ts';
import { ALL_VERBS } from '../../../lib/registry/resource-type.ts';

describe('builtinRegistry', () => {
  const registry = builtinRegistry();

  it('serves exactly the thirteen built-in kinds', () => {
    expect(registry.all().map((t) => `${t.group}/${t.version}/${t.resource}`).sort()).toEqual([
      '/v1/configmaps', '/v1/endpoints', '/v1/events', '/v1/namespaces', '/v1/nodes', '/v1/pods',
      '/v1/secrets', '/v1/serviceaccounts', '/v1/services',
      'apps/v1/deployments', 'apps/v1/replicasets',
      'coordination.k8s.io/v1/leases',
      'discovery.k8s.io/v1/endpointslices',
    ]);
  });

  it('has unique short names, resources and kinds', () => {
    const shortNames = builtinTypes.flatMap((t) => t.shortNames ?? []);
    expect(new Set(shortNames).size).toBe(shortNames.length);
    expect(shortNames.sort()).toEqual(['cm', 'deploy', 'ep', 'ev', 'no', 'ns', 'po', 'rs', 'sa', 'svc']);
    expect(new Set(builtinTypes.map((t) => t.resource)).size).toBe(13);
    expect(new Set(builtinTypes.map((t) => `${t.group}/${t.kind}`)).size).toBe(13);
  });

  it('puts pods, services, deployments and replicasets in "all"', () => {
    expect(builtinTypes.filter((t) => t.categories?.includes('all')).map((t) => t.resource).sort()).toEqual(['deployments', 'pods', 'replicasets', 'services']);
  });

  it('names a client-node model that exists for every kind', () => {
    const models = k8s as unknown as Record<string, unknown>;
    for (const t of builtinTypes) expect(typeof models[t.strategy.modelName], t.strategy.modelName).toBe('function');
  });

  it('declares subresources, scale and status consistently', () => {
    for (const t of builtinTypes) {
      expect(Boolean(t.strategy.scale), t.resource).toBe(t.subresources.includes('scale'));
      if (t.subresources.includes('status')) expect(t.strategy.hasStatus, t.resource).toBe(true);
      expect(t.singular).toBe(t.singular.toLowerCase());
    }
    expect(registry.lookup('apps', 'v1', 'deployments')?.subresources).toEqual(['status', 'scale']);
    expect(registry.byKind('', 'Pod')?.subresources).toEqual(['status', 'binding', 'log']);
    expect(registry.byKind('', 'Node')?.namespaced).toBe(false);
    expect(registry.byKind('', 'Namespace')?.namespaced).toBe(false);
  });

  it('offers every verb on the kinds kubectl writes to', () => {
    for (const resource of ['pods', 'services', 'secrets', 'deployments', 'replicasets', 'leases', 'events', 'endpoints', 'serviceaccounts', 'nodes', 'endpointslices']) {
      expect(builtinTypes.find((t) => t.resource === resource)?.verbs).toEqual(ALL_VERBS);
    }
  });

  it('announces the review kinds but keeps them out of the stored kinds', () => {
    const ssar = registry.review('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews');
    expect(ssar).toMatchObject({ kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'], subresources: [] });
    expect(registry.isReview(ssar!)).toBe(true);
    expect(registry.lookup('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews')).toBeUndefined();
    expect(registry.all()).not.toContain(ssar);
    expect(registry.byKind('authorization.k8s.io', 'SelfSubjectAccessReview')).toBeUndefined();
    expect(registry.inGroupVersion('authorization.k8s.io', 'v1').map((t) => t.resource)).toEqual(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
    expect(registry.inGroupVersion('authentication.k8s.io', 'v1').map((t) => t.resource)).toEqual(['selfsubjectreviews']);
    expect(registry.isReview(registry.lookup('', 'v1', 'pods')!)).toBe(false);
    expect(registry.review('', 'v1', 'pods')).toBeUndefined();
  });

  it('lists groups core first', () => {
    expect(registry.groups()).toEqual([
      { group: '', versions: ['v1'] },
      { group: 'apps', versions: ['v1'] },
      { group: 'authentication.k8s.io', versions: ['v1'] },
      { group: 'authorization.k8s.io', versions: ['v1'] },
      { group: 'coordination.k8s.io', versions: ['v1'] },
      { group: 'discovery.k8s.io', versions: ['v1'] },
    ]);
  });
});
