// Strategic merge patches of a Deployment as kubectl sends them, applied with the built-in
// schema. The first case is a patch captured from kubectl 1.32 `apply` (KUBECTL.md).
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import { patchSchemaFor } from '../../../lib/api/patch/builtin-patch-schemas.ts';
import { applyStrategicMergePatch } from '../../../lib/api/patch/strategic-merge.ts';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function directivesIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => directivesIn(x));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => [...(k.startsWith('$') ? [k] : []), ...directivesIn(x)]);
}

function patchKind(group: string, kind: string, original: unknown, patch: unknown): unknown {
  const out = applyStrategicMergePatch(deepFreeze(original), deepFreeze(patch), patchSchemaFor(group, kind));
  expect(directivesIn(out)).toEqual([]);
  return out;
}

/** A Deployment as the apiserver would store it, before the apply. */
function deployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '7f1c',
      resourceVersion: '41',
      generation: 3,
      labels: { app: 'web', tier: 'frontend' },
      annotations: { 'deployment.kubernetes.io/revision': '3' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' }, finalizers: ['f1', 'f2'] },
        spec: {
          containers: [
            {
              name: 'a',
              image: 'nginx:1',
              env: [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: {},
              terminationMessagePolicy: 'File',
            },
            { name: 'b', image: 'busybox', command: ['sleep', '3600'] },
          ],
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
        },
      },
    },
    status: { observedGeneration: 3, replicas: 3, conditions: [{ type: 'Available', status: 'True' }] },
  };
}

describe('the kubectl 1.32 apply patch from KUBECTL.md', () => {
  const observed =
    '{"metadata":{"labels":null},"spec":{"replicas":null,"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},"template":{"metadata":{"$deleteFromPrimitiveList/finalizers":["f1"],"$setElementOrder/finalizers":["f2"]},"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$setElementOrder/env":[{"name":"E2"},{"name":"E3"}],"env":[{"name":"E3","value":"3"},{"$patch":"delete","name":"E1"}],"image":"nginx:2","name":"a"},{"$patch":"delete","name":"b"}]}}}}';

  it('applies to a stored Deployment exactly as kube-apiserver would', () => {
    const expected = deployment() as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    delete expected.metadata.labels;
    delete expected.spec.replicas;
    expected.spec.strategy = { type: 'Recreate' };
    expected.spec.template = {
      metadata: { labels: { app: 'web' }, finalizers: ['f2'] },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'nginx:2',
            env: [{ name: 'E2', value: '2' }, { name: 'E3', value: '3' }],
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
            terminationMessagePolicy: 'File',
          },
        ],
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
      },
    };
    expect(patchKind('apps', 'Deployment', deployment(), JSON.parse(observed))).toEqual(expected);
  });

  it('is idempotent: applying it twice changes nothing more', () => {
    const once = patchKind('apps', 'Deployment', deployment(), JSON.parse(observed));
    expect(patchKind('apps', 'Deployment', once, JSON.parse(observed))).toEqual(once);
  });
});

describe('Deployment.spec.template.spec.containers[].env', () => {
  type Env = Array<Record<string, unknown>>;
  const envOf = (out: unknown, container = 0): Env =>
    ((out as { spec: { template: { spec: { containers: Array<{ env?: Env }> } } } }).spec.template.spec.containers[container]?.env ?? []);
  const containerPatch = (c: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    spec: { template: { spec: { ...extra, containers: [{ name: 'a', ...c }] } } },
  });

  it.each([
    [
      'kubectl apply appends a variable with $setElementOrder',
      containerPatch({ '$setElementOrder/env': [{ name: 'E1' }, { name: 'E2' }, { name: 'E3' }], env: [{ name: 'E3', value: '3' }] }),
      [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }, { name: 'E3', value: '3' }],
    ],
    [
      'a hand-written patch without an order puts a new variable first, as kube does',
      containerPatch({ env: [{ name: 'E3', value: '3' }] }),
      [{ name: 'E3', value: '3' }, { name: 'E1', value: '1' }, { name: 'E2', value: '2' }],
    ],
    [
      'changes one value in place',
      containerPatch({ env: [{ name: 'E2', value: 'two' }] }),
      [{ name: 'E1', value: '1' }, { name: 'E2', value: 'two' }],
    ],
    [
      'switches a value to valueFrom',
      containerPatch({ env: [{ name: 'E1', value: null, valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }),
      [{ name: 'E1', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'E2', value: '2' }],
    ],
    [
      'deletes a variable',
      containerPatch({ env: [{ name: 'E1', $patch: 'delete' }] }),
      [{ name: 'E2', value: '2' }],
    ],
    [
      'replaces the whole env list',
      containerPatch({ env: [{ $patch: 'replace' }, { name: 'ONLY', value: 'x' }] }),
      [{ name: 'ONLY', value: 'x' }],
    ],
    [
      'reorders variables',
      containerPatch({ '$setElementOrder/env': [{ name: 'E2' }, { name: 'E1' }] }),
      [{ name: 'E2', value: '2' }, { name: 'E1', value: '1' }],
    ],
    [
      'removes the env list with null',
      containerPatch({ env: null }),
      [],
    ],
  ])('%s', (_name, patch, env) => {
    const out = patchKind('apps', 'Deployment', deployment(), patch);
    expect(envOf(out)).toEqual(env);
    // The untouched container is kept as it was.
    expect((out as { spec: { template: { spec: { containers: unknown[] } } } }).spec.template.spec.containers).toContainEqual({
      name: 'b', image: 'busybox', command: ['sleep', '3600'],
    });
  });

  it('adds env to the second container without touching the first', () => {
    const out = patchKind('apps', 'Deployment', deployment(), {
      spec: { template: { spec: { containers: [{ name: 'b', env: [{ name: 'X', value: 'y' }] }] } } },
    });
    expect(envOf(out, 1)).toEqual([{ name: 'X', value: 'y' }]);
    expect(envOf(out, 0)).toEqual([{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }]);
  });

  it('rejects an env entry without a name', () => {
    expect(() => patchKind('apps', 'Deployment', deployment(), containerPatch({ env: [{ value: 'x' }] }))).toThrow(
      /spec\.template\.spec\.containers\[name="a"\]\.env: map: \{"value":"x"\} does not contain declared merge key: name/,
    );
  });

  it('rejects a container without a name', () => {
    expect(() =>
      patchKind('apps', 'Deployment', deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }),
    ).toThrow(BadRequestError);
  });
});

describe('other Deployment patches', () => {
  type D = { spec: Record<string, unknown> & { template: { metadata: Record<string, unknown>; spec: Record<string, unknown> } } };
  const run = (patch: unknown): D => patchKind('apps', 'Deployment', deployment(), patch) as D;

  it('kubectl rollout restart adds a template annotation', () => {
    const out = run({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } } } } });
    expect(out.spec.template.metadata).toEqual({
      labels: { app: 'web' },
      finalizers: ['f1', 'f2'],
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
    });
  });

  it('kubectl rollout pause and resume', () => {
    const paused = patchKind('apps', 'Deployment', deployment(), { spec: { paused: true } }) as D;
    expect(paused.spec.paused).toBe(true);
    const resumed = patchKind('apps', 'Deployment', paused, { spec: { paused: null } }) as D;
    expect(resumed.spec).not.toHaveProperty('paused');
  });

  it('merges container ports by containerPort', () => {
    const out = run({ spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } } } });
    expect((out.spec.template.spec.containers as Array<{ ports?: unknown }>)[0]!.ports).toEqual([
      { containerPort: 80, protocol: 'TCP', name: 'http' },
      { containerPort: 443 },
    ]);
  });

  it('switches a volume source with per-element $retainKeys', () => {
    const original = deployment() as D;
    original.spec.template.spec.volumes = [{ name: 'data', emptyDir: {} }, { name: 'other', emptyDir: {} }];
    const out = patchKind('apps', 'Deployment', original, {
      spec: { template: { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cm' } }] } } },
    }) as D;
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cm' } }, { name: 'other', emptyDir: {} }]);
  });

  it('replaces tolerations wholesale', () => {
    const original = deployment() as D;
    original.spec.template.spec.tolerations = [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }];
    const out = patchKind('apps', 'Deployment', original, { spec: { template: { spec: { tolerations: [{ key: 'c', operator: 'Exists' }] } } } }) as D;
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'c', operator: 'Exists' }]);
  });

  it('merges status conditions by type', () => {
    const out = patchKind('apps', 'Deployment', deployment(), {
      status: { conditions: [{ type: 'Progressing', status: 'True' }, { type: 'Available', status: 'False' }] },
    }) as { status: { conditions: unknown[] } };
    expect(out.status.conditions).toEqual([{ type: 'Progressing', status: 'True' }, { type: 'Available', status: 'False' }]);
  });
});
