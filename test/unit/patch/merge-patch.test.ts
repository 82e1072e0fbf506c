import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../lib/api/patch/merge-patch.ts';

/** Frozen inputs turn any accidental mutation into a TypeError (ESM code is strict). */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('applyMergePatch', () => {
  // RFC 7396 Appendix A, plus the null-handling cases kube relies on.
  it.each([
    ['replaces a member', { a: 'b' }, { a: 'c' }, { a: 'c' }],
    ['adds a member', { a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    ['null deletes a member', { a: 'b' }, { a: null }, {}],
    ['null deletes only that member', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    ['a scalar replaces an array', { a: ['b'] }, { a: 'c' }, { a: 'c' }],
    ['an array replaces a scalar', { a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    ['objects merge recursively', { a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    ['arrays are replaced, never merged', { a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    ['an array patch replaces an array', ['a', 'b'], ['c', 'd'], ['c', 'd']],
    ['an array patch replaces an object', { a: 'b' }, ['c'], ['c']],
    ['a null patch replaces everything', { a: 'foo' }, null, null],
    ['a string patch replaces everything', { a: 'foo' }, 'bar', 'bar'],
    ['existing nulls in the target are kept', { e: null }, { a: 1 }, { e: null, a: 1 }],
    ['an object patch replaces an array target', [1, 2], { a: 'b', c: null }, { a: 'b' }],
    ['nulls inside a new subtree are dropped', {}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ['an object replaces a scalar and drops its nulls', { a: 1 }, { a: { b: null, c: 2 } }, { a: { c: 2 } }],
    ['null for an absent member is a no-op', { a: 1 }, { z: null }, { a: 1 }],
    ['an empty patch changes nothing', { a: { b: [1] } }, {}, { a: { b: [1] } }],
    ['nulls inside arrays are kept', {}, { a: [null, 1] }, { a: [null, 1] }],
    [
      'kubectl label key- removes one label',
      { metadata: { name: 'x', labels: { app: 'web', tier: 'fe' } } },
      { metadata: { labels: { tier: null } } },
      { metadata: { name: 'x', labels: { app: 'web' } } },
    ],
    [
      'kubectl scale sets spec.replicas',
      { spec: { replicas: 1, template: { spec: {} } } },
      { spec: { replicas: 3 } },
      { spec: { replicas: 3, template: { spec: {} } } },
    ],
    [
      '$-keys are plain data in a JSON merge patch',
      { a: 1 },
      { $patch: 'delete' },
      { a: 1, $patch: 'delete' },
    ],
  ])('%s', (_name, original, patch, expected) => {
    expect(applyMergePatch(deepFreeze(original), deepFreeze(patch))).toEqual(expected);
  });

  it('treats an absent original as an empty object', () => {
    expect(applyMergePatch(undefined, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
  });

  it('returns a result that shares nothing with its inputs', () => {
    const original = { keep: { deep: [1] }, spec: { x: 1 } };
    const patch = { spec: { list: [{ a: 1 }] }, added: { b: 2 } };
    const out = applyMergePatch(original, patch) as Record<string, Record<string, unknown>>;
    (out.keep!.deep as number[]).push(2);
    (out.spec!.list as Array<Record<string, number>>)[0]!.a = 9;
    out.added!.b = 9;
    expect(original).toEqual({ keep: { deep: [1] }, spec: { x: 1 } });
    expect(patch).toEqual({ spec: { list: [{ a: 1 }] }, added: { b: 2 } });
  });

  it('stores a "__proto__" member as data without touching the prototype', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const out = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });

  it('merges into an existing "__proto__" member as an ordinary object', () => {
    const original = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const patch = JSON.parse('{"__proto__": {"y": 2}}') as unknown;
    const out = applyMergePatch(original, patch);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1,"y":2}}');
  });
});
