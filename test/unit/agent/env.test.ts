import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { expandVars } from '../../../lib/agent/env-expansion.ts';
import { envSources, expandCommand, resolveEnv } from '../../../lib/agent/env.ts';
import { fieldRefValue, resourceFieldValue } from '../../../lib/agent/field-ref.ts';

const pod: Pod = {
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { note: 'hi' } },
  spec: { nodeName: 'n1', serviceAccountName: 'default', containers: [] },
};
const cm: ConfigMap = { metadata: { name: 'cfg' }, data: { COLOR: 'blue', SIZE: 'L', 'bad key': 'x' } };
const secret: Secret = { metadata: { name: 'sec' }, data: { PASSWORD: Buffer.from('s3cret').toString('base64') } };

function resolve(container: Partial<Container>, configMaps: ConfigMap[] = [cm], secrets: Secret[] = [secret]) {
  return resolveEnv({
    pod, container: { name: 'c', ...container },
    configMaps: new Map(configMaps.map((c) => [c.metadata!.name!, c])),
    secrets: new Map(secrets.map((s) => [s.metadata!.name!, s])),
    runtime: { hostIP: '10.0.0.1', podIP: '10.0.0.2' },
    allocatable: { cpu: '4', memory: '8Gi' },
  });
}

describe('$(VAR) expansion', () => {
  it.each([
    ['$(A)-$(B)', 'a-b'],
    ['$(MISSING)', '$(MISSING)'],
    ['$$(A)', '$(A)'],
    ['cost: $5', 'cost: $5'],
    ['$(A', '$(A'],
    ['tail$', 'tail$'],
    ['$()', '$()'],
  ])('%s → %s', (input, want) => expect(expandVars(input, (n) => ({ A: 'a', B: 'b' })[n])).toBe(want));
});

describe('resolveEnv', () => {
  it('takes envFrom first, then env, expanding against what came before', () => {
    const r = resolve({
      envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'sec' }, prefix: 'S_' }],
      env: [
        { name: 'SIZE', value: 'XL' },
        { name: 'LABEL', value: '$(COLOR)-$(SIZE)-$(NOPE)' },
        { name: 'ONE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'COLOR' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASSWORD' } } },
      ],
    });
    expect(r).toEqual({ ok: true, env: [['COLOR', 'blue'], ['SIZE', 'XL'], ['S_PASSWORD', 's3cret'], ['LABEL', 'blue-XL-$(NOPE)'], ['ONE', 'blue'], ['PW', 's3cret']] });
  });

  it('names what is missing, as kubelet does', () => {
    expect(resolve({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }] })).toEqual({ ok: false, reason: 'CreateContainerConfigError', message: 'configmap "gone" not found' });
    expect(resolve({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] })).toMatchObject({ message: "couldn't find key k in ConfigMap shop/cfg" });
    expect(resolve({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] })).toMatchObject({ message: 'secret "nope" not found' });
    expect(resolve({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }] })).toMatchObject({ message: "couldn't find key k in Secret shop/sec" });
    expect(resolve({ envFrom: [{ secretRef: { name: 'nope' } }] })).toMatchObject({ message: 'secret "nope" not found' });
  });

  it('skips optional references that are missing', () => {
    const r = resolve({
      envFrom: [{ configMapRef: { name: 'gone', optional: true } }],
      env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k', optional: true } } }, { name: 'Y', value: 'y' }],
    });
    expect(r).toEqual({ ok: true, env: [['Y', 'y']] });
  });

  it('fills the downward API', () => {
    const r = resolve({
      resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m' } },
      env: [
        { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
    });
    expect(r).toEqual({ ok: true, env: [['NAME', 'web'], ['NS', 'shop'], ['IP', '10.0.0.2'], ['HOST', '10.0.0.1'], ['APP', 'web'], ['MEM', '512'], ['CPU', '250'], ['CPU_LIMIT', '4']] });
    expect(fieldRefValue('metadata.labels', pod, { hostIP: 'h' })).toBe('app="web"\ntier="front"');
    expect(fieldRefValue('spec.nodeName', pod, { hostIP: 'h' })).toBe('n1');
    expect(fieldRefValue('spec.bogus', pod, { hostIP: 'h' })).toBeUndefined();
    expect(resourceFieldValue({ resource: 'requests.cpu' }, { name: 'c', resources: { requests: { cpu: '1500m' } } }, {})).toBe('2');
  });

  it('lists the ConfigMaps and Secrets a container needs', () => {
    const names = envSources({
      name: 'c',
      envFrom: [{ configMapRef: { name: 'a' } }, { secretRef: { name: 's1' } }],
      env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'b', key: 'k' } } }, { name: 'Y', valueFrom: { secretKeyRef: { name: 's2', key: 'k' } } }],
    });
    expect([...names.configMaps]).toEqual(['a', 'b']);
    expect([...names.secrets]).toEqual(['s1', 's2']);
  });

  it('expands command and args', () => {
    expect(expandCommand({ name: 'c', command: ['echo', '$(A)'], args: ['$$(A)', '$(B)'] }, [['A', '1']])).toEqual({ command: ['echo', '1'], args: ['$(A)', '$(B)'] });
  });
});
