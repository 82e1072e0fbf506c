import { describe, expect, it } from 'vitest';
import { patchSchemaFor } from '../../../lib/api/patch/builtin-patch-schemas.ts';
import type { PatchField } from '../../../lib/api/patch/patch-schema.ts';

/** Walks "spec.template.spec.containers[].env": `[]` steps into a list's element schema. */
function at(root: PatchField | undefined, path: string): PatchField | undefined {
  let cur = root;
  for (const part of path.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    cur = cur?.fields?.[name];
    if (part.endsWith('[]')) cur = cur?.items;
  }
  return cur;
}

const POD_SPEC_LISTS: Array<[string, PatchField['strategy'], string | undefined]> = [
  ['containers', 'merge', 'name'],
  ['initContainers', 'merge', 'name'],
  ['ephemeralContainers', 'merge', 'name'],
  ['volumes', 'merge,retainKeys', 'name'],
  ['imagePullSecrets', 'merge', 'name'],
  ['hostAliases', 'merge', 'ip'],
  ['topologySpreadConstraints', 'merge', 'topologyKey'],
  ['schedulingGates', 'merge', 'name'],
  ['resourceClaims', 'merge,retainKeys', 'name'],
  ['containers[].env', 'merge', 'name'],
  ['containers[].ports', 'merge', 'containerPort'],
  ['containers[].volumeMounts', 'merge', 'mountPath'],
  ['containers[].volumeDevices', 'merge', 'devicePath'],
  ['initContainers[].env', 'merge', 'name'],
  ['ephemeralContainers[].volumeMounts', 'merge', 'mountPath'],
];

describe('patchSchemaFor', () => {
  // Pod spec lists, reached through every kind that embeds a PodSpec.
  it.each([
    ...POD_SPEC_LISTS.map(([p, s, k]) => ['', 'Pod', `spec.${p}`, s, k] as const),
    ...POD_SPEC_LISTS.map(([p, s, k]) => ['apps', 'Deployment', `spec.template.spec.${p}`, s, k] as const),
    ...POD_SPEC_LISTS.map(([p, s, k]) => ['apps', 'ReplicaSet', `spec.template.spec.${p}`, s, k] as const),
  ])('%s %s %s: %s by %s', (group, kind, path, strategy, mergeKey) => {
    const field = at(patchSchemaFor(group, kind), path);
    expect(field?.strategy).toBe(strategy);
    expect(field?.mergeKey).toBe(mergeKey);
  });

  it.each([
    ['', 'Pod', 'metadata.finalizers', 'merge', undefined],
    ['', 'Pod', 'metadata.ownerReferences', 'merge', 'uid'],
    ['apps', 'Deployment', 'spec.template.metadata.finalizers', 'merge', undefined],
    ['', 'Pod', 'status.conditions', 'merge', 'type'],
    ['', 'Pod', 'status.podIPs', 'merge', 'ip'],
    ['', 'Pod', 'status.hostIPs', 'merge', 'ip'],
    ['', 'Pod', 'status.resourceClaimStatuses', 'merge,retainKeys', 'name'],
    ['', 'Pod', 'status.containerStatuses[].volumeMounts', 'merge', 'mountPath'],
    ['', 'Node', 'status.conditions', 'merge', 'type'],
    ['', 'Node', 'status.addresses', 'merge', 'type'],
    ['', 'Node', 'spec.podCIDRs', 'merge', undefined],
    ['', 'Namespace', 'status.conditions', 'merge', 'type'],
    ['', 'Service', 'spec.ports', 'merge', 'port'],
    ['', 'Service', 'status.conditions', 'merge', 'type'],
    ['', 'ServiceAccount', 'secrets', 'merge', 'name'],
    ['apps', 'Deployment', 'spec.strategy', 'retainKeys', undefined],
    ['apps', 'Deployment', 'status.conditions', 'merge', 'type'],
    ['apps', 'ReplicaSet', 'status.conditions', 'merge', 'type'],
    ['coordination.k8s.io', 'Lease', 'metadata.finalizers', 'merge', undefined],
    ['', 'Event', 'metadata.ownerReferences', 'merge', 'uid'],
    ['', 'Endpoints', 'metadata.finalizers', 'merge', undefined],
    ['', 'ConfigMap', 'metadata.finalizers', 'merge', undefined],
    ['', 'Secret', 'metadata.finalizers', 'merge', undefined],
  ])('%s %s %s: %s by %s', (group, kind, path, strategy, mergeKey) => {
    const field = at(patchSchemaFor(group, kind), path);
    expect(field?.strategy).toBe(strategy);
    expect(field?.mergeKey).toBe(mergeKey);
  });

  // Lists the real API leaves untagged must be replaced by a patch, never merged.
  it.each([
    ['', 'Pod', 'spec.tolerations'],
    ['', 'Pod', 'spec.containers[].envFrom'],
    ['', 'Pod', 'spec.containers[].args'],
    ['', 'Pod', 'spec.readinessGates'],
    ['', 'Pod', 'status.containerStatuses'],
    ['', 'Node', 'spec.taints'],
    ['', 'Node', 'status.images'],
    ['', 'Endpoints', 'subsets'],
    ['', 'ServiceAccount', 'imagePullSecrets'],
    ['', 'Service', 'status.loadBalancer.ingress'],
    ['', 'Pod', 'metadata.managedFields'],
  ])('%s %s %s has no strategy', (group, kind, path) => {
    const field = at(patchSchemaFor(group, kind), path);
    expect(field?.strategy).toBeUndefined();
  });

  it.each([
    ['', 'Namespace'], ['', 'Pod'], ['', 'Node'], ['', 'Service'], ['', 'Endpoints'], ['', 'ConfigMap'],
    ['', 'Secret'], ['', 'ServiceAccount'], ['', 'Event'], ['apps', 'Deployment'], ['apps', 'ReplicaSet'],
    ['coordination.k8s.io', 'Lease'],
  ])('knows %s/%s', (group, kind) => {
    expect(patchSchemaFor(group, kind)).toBeDefined();
  });

  it.each([
    ['apps', 'Pod'], ['', 'Deployment'], ['', 'pod'], ['example.com', 'Widget'], ['', 'toString'], ['', ''],
  ])('has no schema for %s/%s', (group, kind) => {
    expect(patchSchemaFor(group, kind)).toBeUndefined();
  });

  it('shares one PodSpec and one ObjectMeta description', () => {
    const pod = patchSchemaFor('', 'Pod');
    const deploy = patchSchemaFor('apps', 'Deployment');
    const rs = patchSchemaFor('apps', 'ReplicaSet');
    expect(at(deploy, 'spec.template.spec')).toBe(at(pod, 'spec'));
    expect(at(rs, 'spec.template')).toBe(at(deploy, 'spec.template'));
    expect(at(deploy, 'spec.template.metadata')).toBe(at(pod, 'metadata'));
    expect(at(pod, 'spec.containers[]')).toBe(at(pod, 'spec.initContainers[]'));
  });

  it('hands out frozen schemas', () => {
    const pod = patchSchemaFor('', 'Pod');
    expect(Object.isFrozen(pod)).toBe(true);
    expect(Object.isFrozen(at(pod, 'spec.containers[].env'))).toBe(true);
    expect(() => {
      (at(pod, 'spec.containers') as { strategy?: string }).strategy = 'replace';
    }).toThrow(TypeError);
  });
});
