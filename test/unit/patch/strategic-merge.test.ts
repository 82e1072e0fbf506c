// The strategic merge engine against a small synthetic schema shaped like apimachinery's own
// test type: one list of each strategy, a retainKeys map and a replace map.
import { describe, expect, it } from 'vitest';
import { schema, run, failsWith } from './smp-fixtures.ts';
import { applyStrategicMergePatch } from '../../../lib/api/patch/strategic-merge.ts';


describe('maps', () => {
  run([
    ['merges nested maps', { a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }, { a: { b: 1, c: 3, d: 4 } }],
    ['null deletes a key', { a: { b: 1, c: 2 } }, { a: { b: null } }, { a: { c: 2 } }],
    ['null for an absent key is not stored', { a: 1 }, { b: null }, { a: 1 }],
    ['nulls in a new subtree are dropped', {}, { a: { b: null, c: { d: null, e: 1 } } }, { a: { c: { e: 1 } } }],
    ['a map replaces a scalar', { a: 'x' }, { a: { b: 1, c: null } }, { a: { b: 1 } }],
    ['a scalar replaces a map', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    ['an empty patch changes nothing', { a: { b: [1] } }, {}, { a: { b: [1] } }],
    ['$patch: replace replaces the map', { a: { b: 1, c: 2 } }, { a: { $patch: 'replace', d: 3 } }, { a: { d: 3 } }],
    [
      '$patch: replace still applies directives inside the replacement',
      { a: { b: 1 } },
      { a: { $patch: 'replace', x: { $patch: 'delete' }, y: { z: null, w: 1 } } },
      { a: { y: { w: 1 } } },
    ],
    ['$patch: replace on an absent key adds the map', {}, { a: { $patch: 'replace', d: 3 } }, { a: { d: 3 } }],
    ['$patch: delete removes the map', { a: { b: 1 }, c: 1 }, { a: { $patch: 'delete' } }, { c: 1 }],
    ['$patch: delete on an absent key is a no-op', { c: 1 }, { a: { $patch: 'delete' } }, { c: 1 }],
    ['$patch: delete at the root empties the object', { a: 1, b: 2 }, { $patch: 'delete' }, {}],
    ['$patch: replace at the root replaces the object', { a: 1, b: 2 }, { $patch: 'replace', c: 3 }, { c: 3 }],
    ['$patch: merge is the default', { a: { b: 1 } }, { a: { $patch: 'merge', c: 2 } }, { a: { b: 1, c: 2 } }],
    ['a replace-strategy map is replaced', { replaceMap: { a: 1, b: 2 } }, { replaceMap: { c: 3, d: null } }, { replaceMap: { c: 3 } }],
    ['a declared $-field is data, not a directive', { $ref: 'a' }, { $ref: 'b' }, { $ref: 'b' }],
  ]);

  it('rejects an unknown $patch value', () => {
    failsWith({ a: {} }, { a: { $patch: 'bogus' } }, /^a: unknown patch type: "bogus" in map/);
  });
});

describe('$retainKeys', () => {
  run([
    [
      'clears unlisted keys, then merges',
      { retainKeysMap: { name: 'type1', value: 'foo', other: 'x' } },
      { retainKeysMap: { $retainKeys: ['name', 'other'], name: 'type2', other: 'bar' } },
      { retainKeysMap: { name: 'type2', other: 'bar' } },
    ],
    [
      'keeps a listed key the patch does not touch',
      { retainKeysMap: { name: 'foo', value: 'x', drop: 1 } },
      { retainKeysMap: { $retainKeys: ['name', 'value'], name: 'bar' } },
      { retainKeysMap: { name: 'bar', value: 'x' } },
    ],
    [
      'a null for an unlisted key is allowed',
      { retainKeysMap: { name: 'foo', value: 'x' } },
      { retainKeysMap: { $retainKeys: ['name'], value: null } },
      { retainKeysMap: { name: 'foo' } },
    ],
    [
      'works on an absent map',
      {},
      { retainKeysMap: { $retainKeys: ['name'], name: 'a' } },
      { retainKeysMap: { name: 'a' } },
    ],
    [
      'works inside a merged list element',
      { mergingList: [{ name: 'a', value: 'x', other: 'y' }, { name: 'b' }] },
      { mergingList: [{ $retainKeys: ['name', 'value'], name: 'a', value: 'z' }] },
      { mergingList: [{ name: 'a', value: 'z' }, { name: 'b' }] },
    ],
  ]);

  it('rejects a patch setting a key the list omits', () => {
    failsWith({ retainKeysMap: {} }, { retainKeysMap: { $retainKeys: ['name'], other: 1 } }, /retainKeysMap: invalid patch format of retainKeys/);
  });
  it('rejects a $retainKeys that is not a list of strings', () => {
    failsWith({}, { retainKeysMap: { $retainKeys: 'name' } }, /invalid patch format of retainKeys/);
    failsWith({}, { retainKeysMap: { $retainKeys: [1] } }, /invalid patch format of retainKeys/);
  });
});

describe('unknown directives and missing schemas', () => {
  it.each([
    ['an unknown top-level directive', { $foo: 1 }, /^unknown strategic merge patch directive "\$foo"/],
    ['an unknown nested directive', { a: { b: { $replace: true } } }, /^a\.b: unknown strategic merge patch directive "\$replace"/],
    ['an unknown directive in a list element', { mergingList: [{ name: 'a', $x: 1 }] }, /unknown strategic merge patch directive "\$x"/],
    ['a non-object patch', ['a'], /a strategic merge patch must be a JSON object/],
    ['a null patch', null, /a strategic merge patch must be a JSON object/],
  ])('rejects %s', (_name, patch, message) => {
    failsWith({ mergingList: [{ name: 'a' }] }, patch, message);
  });

  it('applies nothing when any directive is unknown', () => {
    const original = { a: 1 };
    failsWith(original, { a: 2, b: { $nope: 1 } }, /\$nope/);
    expect(original).toEqual({ a: 1 });
  });

  it('behaves as a JSON merge patch without a schema', () => {
    const original = { list: [{ name: 'a', v: 1 }], m: { a: 1, b: 2 } };
    expect(applyStrategicMergePatch(original, { list: [{ name: 'b' }], m: { a: null, c: 3 } }, undefined)).toEqual({
      list: [{ name: 'b' }],
      m: { b: 2, c: 3 },
    });
  });

  it.each([
    ['$patch', { m: { $patch: 'replace' } }],
    ['$setElementOrder', { '$setElementOrder/list': [] }],
    ['$retainKeys inside a list', { list: [{ $retainKeys: [] }] }],
    ['any $ key', { $ref: 'x' }],
  ])('refuses %s without a schema', (_name, patch) => {
    failsWith({}, patch, /is not supported for this kind \(it has no patch schema\)/, false);
  });

  it('requires an object patch without a schema too', () => {
    failsWith({}, 'x', /must be a JSON object/, false);
  });
});

describe('safety', () => {
  it('never mutates or aliases its inputs', () => {
    const original = { mergingList: [{ name: 'a', v: { deep: 1 } }], keep: { x: [1] } };
    const patch = { mergingList: [{ name: 'b', v: { deep: 2 } }], added: { y: [2] } };
    const before = JSON.stringify([original, patch]);
    const out = applyStrategicMergePatch(original, patch, schema) as Record<string, unknown>;
    (out.keep as { x: number[] }).x.push(9);
    (out.added as { y: number[] }).y.push(9);
    for (const e of out.mergingList as Array<{ v: { deep: number } }>) e.v.deep = 9;
    expect(JSON.stringify([original, patch])).toBe(before);
  });

  it('stores a "__proto__" key as data', () => {
    const patch = JSON.parse('{"m": {"__proto__": {"polluted": 1}}}') as unknown;
    const out = applyStrategicMergePatch({ m: {} }, patch, schema) as { m: object };
    expect(Object.getPrototypeOf(out.m)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"m":{"__proto__":{"polluted":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not take schema entries from Object.prototype', () => {
    // "constructor" is not a described field, so its list is replaced, not merged.
    const out = applyStrategicMergePatch({ constructor: [1] }, { constructor: [2] }, schema);
    expect(out).toEqual({ constructor: [2] });
  });
});
