import { describe, expect, it } from 'vitest';
import { compareValues } from '../../../lib/api/fieldmanager/compare.ts';
import { FieldSet } from '../../../lib/api/fieldmanager/field-set.ts';
import { typeForModel } from '../../../lib/api/fieldmanager/model-schema.ts';
import { keyElement, parseElement, pathString, serializeElement, type Path } from '../../../lib/api/fieldmanager/path.ts';
import { toFieldSet } from '../../../lib/api/fieldmanager/to-field-set.ts';

const f = (name: string) => ({ field: name });
const deployment = typeForModel('V1Deployment');

describe('path elements', () => {
  it('serializes in the FieldsV1 spelling, key fields sorted by name', () => {
    expect(serializeElement(f('spec'))).toBe('f:spec');
    expect(serializeElement(keyElement({ protocol: 'TCP', containerPort: 80 }))).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(serializeElement({ value: 'a' })).toBe('v:"a"');
    expect(serializeElement({ index: 3 })).toBe('i:3');
  });

  it('parses what it serializes', () => {
    for (const s of ['f:x', 'k:{"name":"web"}', 'v:"fin"', 'i:2']) expect(serializeElement(parseElement(s)!)).toBe(s);
    expect(parseElement('z:whatever')).toBeUndefined();
  });

  it('prints paths as kube does in conflict messages', () => {
    const p: Path = [f('spec'), f('template'), f('spec'), f('containers'), keyElement({ name: 'web' }), f('image')];
    expect(pathString(p)).toBe('.spec.template.spec.containers[name="web"].image');
    expect(pathString([f('spec'), f('ports'), keyElement({ port: 80, protocol: 'TCP' })])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString([f('metadata'), f('finalizers'), { value: 'a' }])).toBe('.metadata.finalizers[="a"]');
  });
});

describe('FieldSet', () => {
  const a = FieldSet.of([f('spec'), f('replicas')], [f('metadata'), f('labels'), f('app')]);
  const b = FieldSet.of([f('spec'), f('replicas')], [f('spec'), f('paused')]);

  it('union, difference and intersection', () => {
    expect(a.union(b).paths().map(pathString)).toEqual(['.metadata.labels.app', '.spec.paused', '.spec.replicas']);
    expect(a.difference(b).paths().map(pathString)).toEqual(['.metadata.labels.app']);
    expect(a.intersection(b).paths().map(pathString)).toEqual(['.spec.replicas']);
    expect(a.difference(a).isEmpty()).toBe(true);
  });

  it('encodes FieldsV1 with "." for paths that are members and lead further', () => {
    const s = FieldSet.of([f('spec'), f('containers'), keyElement({ name: 'web' })], [f('spec'), f('containers'), keyElement({ name: 'web' }), f('image')]);
    expect(s.toFieldsV1()).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {} } } } });
    expect(JSON.stringify(FieldSet.fromFieldsV1(s.toFieldsV1()).toFieldsV1())).toBe(JSON.stringify(s.toFieldsV1()));
  });

  it('writes keys in structured-merge-diff order: fields, then keys, then values', () => {
    const s = FieldSet.of([f('b')], [f('a')], [{ value: 'x' }], [keyElement({ name: 'n' })]);
    expect(Object.keys(s.toFieldsV1())).toEqual(['f:a', 'f:b', 'k:{"name":"n"}', 'v:"x"']);
  });

  it('rejects malformed FieldsV1', () => {
    expect(() => FieldSet.fromFieldsV1([])).toThrow();
    expect(() => FieldSet.fromFieldsV1({ 'f:a': 1 })).toThrow();
  });
});

describe('toFieldSet over the API models', () => {
  it('owns leaves, list-map elements by key and free map keys', () => {
    const obj = {
      metadata: { labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
      },
    };
    expect(toFieldSet(obj, deployment).toFieldsV1()).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {}, // LabelSelector is an atomic struct
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('treats atomic lists as one field and set-type lists by value', () => {
    const pod = typeForModel('V1Pod');
    const s = toFieldSet({ metadata: { finalizers: ['a', 'b'] }, spec: { containers: [{ name: 'c', args: ['x', 'y'] }] } }, pod);
    expect(s.paths().map(pathString)).toEqual([
      '.metadata.finalizers[="a"]',
      '.metadata.finalizers[="b"]',
      '.spec.containers[name="c"]',
      '.spec.containers[name="c"].args',
      '.spec.containers[name="c"].name',
    ]);
  });

  it('refuses a list-map element without its key', () => {
    expect(() => toFieldSet({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, deployment)).toThrow(/omits key field "name"/);
  });
});

describe('compareValues', () => {
  it('reports added, modified and removed fields', () => {
    const before = { spec: { replicas: 1, paused: true, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } } };
    const after = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
    const cmp = compareValues(before, after, deployment);
    expect(cmp.modified.paths().map(pathString)).toEqual(['.spec.replicas']);
    expect(cmp.removed.paths().map(pathString)).toEqual(['.spec.paused']);
    expect(cmp.added.paths().map(pathString)).toEqual([
      '.spec.template.spec.containers[name="b"]',
      '.spec.template.spec.containers[name="b"].image',
      '.spec.template.spec.containers[name="b"].name',
    ]);
  });

  it('finds nothing between equal values', () => {
    const v = { spec: { replicas: 1, selector: { matchLabels: { a: 'b' } } } };
    const cmp = compareValues(v, structuredClone(v), deployment);
    expect([cmp.added, cmp.modified, cmp.removed].every((s) => s.isEmpty())).toBe(true);
  });
});
