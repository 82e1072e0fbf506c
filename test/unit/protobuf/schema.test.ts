// The definition notation and the schema builder that turns it into protobufjs types.
import { describe, expect, it } from 'vitest';
import { parseFieldSpec } from '../../../lib/api/protobuf/field-spec.ts';
import { isProtobufMediaType } from '../../../lib/api/protobuf/media-type.ts';
import { buildSchema } from '../../../lib/api/protobuf/proto-root.ts';

describe('parseFieldSpec', () => {
  it.each([
    ['1 string', { id: 1, type: 'string', shape: 'single', pointer: false, omitEmpty: true }],
    ['2 string!', { id: 2, type: 'string', shape: 'single', pointer: false, omitEmpty: false }],
    ['3 *int32', { id: 3, type: 'int32', shape: 'single', pointer: true, omitEmpty: true }],
    ['4 []Container', { id: 4, type: 'Container', shape: 'list', pointer: false, omitEmpty: true }],
    ['5 []Container!', { id: 5, type: 'Container', shape: 'list', pointer: false, omitEmpty: false }],
    ['6 {Quantity}', { id: 6, type: 'Quantity', shape: 'map', pointer: false, omitEmpty: true }],
    ['7 ...ProbeHandler', { id: 7, type: 'ProbeHandler', shape: 'inline', pointer: false, omitEmpty: true }],
  ])('%s', (spec, want) => {
    expect(parseFieldSpec('M', 'f', spec)).toEqual({ name: 'f', ...want });
  });

  it.each(['string', '1', '1 {string', '1 *int32!', '1 ...X!', 'x string'])('refuses %j', (spec) => {
    expect(() => parseFieldSpec('M', 'f', spec)).toThrow(/M\.f/);
  });
});

describe('buildSchema', () => {
  it('refuses a message defined twice and a reference to an undefined message', () => {
    expect(() => buildSchema([{ A: { x: '1 string' } }, { A: { y: '1 string' } }])).toThrow(/defined twice/);
    expect(() => buildSchema([{ A: { x: '1 B' } }])).toThrow(/undefined message B/);
  });

  it('builds protobufjs types keyed by JSON name', () => {
    const { root } = buildSchema([{ A: { items: '1 []string', labels: '2 {string}', b: '3 *B' }, B: { n: '1 int32' } }]);
    const a = root.lookupType('A');
    const decoded = a.toObject(a.decode(a.encode(a.fromObject({ items: ['x'], labels: { k: 'v' }, b: { n: 0 } })).finish()));
    expect(decoded).toEqual({ items: ['x'], labels: { k: 'v' }, b: { n: 0 } });
  });
});

describe('isProtobufMediaType', () => {
  it.each([
    ['application/vnd.kubernetes.protobuf', true],
    ['Application/VND.Kubernetes.Protobuf', true],
    ['application/vnd.kubernetes.protobuf; charset=utf-8', true],
    ['application/vnd.kubernetes.protobuf;stream=watch', true],
    ['application/json', false],
    ['application/vnd.kubernetes.protobuf+json', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (contentType, want) => {
    expect(isProtobufMediaType(contentType)).toBe(want);
  });
});
