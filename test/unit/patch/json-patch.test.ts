import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidError, RequestEntityTooLargeError } from '../../../lib/api/errors.ts';
import { applyJsonPatch } from '../../../lib/api/patch/json-patch.ts';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('applyJsonPatch: applying operations', () => {
  // RFC 6902 Appendix A examples, then the shapes kubectl sends.
  it.each([
    ['adds an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
    ['adds an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['appends with "-"', { foo: [1] }, [{ op: 'add', path: '/foo/-', value: 2 }], { foo: [1, 2] }],
    ['adds at index == length', { foo: [1] }, [{ op: 'add', path: '/foo/1', value: 2 }], { foo: [1, 2] }],
    ['add replaces an existing member', { foo: 1 }, [{ op: 'add', path: '/foo', value: 2 }], { foo: 2 }],
    ['removes an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['removes an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['replaces a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    [
      'moves a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    ['moves an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
    ['copies a value', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
    ['passes a test', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
    ['tests objects regardless of key order', { a: { x: 1, y: 2 } }, [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }], { a: { x: 1, y: 2 } }],
    ['adds a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['ignores unrecognised members of an operation', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
    ['unescapes ~1 and ~0', { 'a/b': 1, 'm~n': 2 }, [{ op: 'replace', path: '/a~1b', value: 3 }, { op: 'remove', path: '/m~0n' }], { 'a/b': 3 }],
    ['reads "~01" as the key "~1"', { '~1': 1 }, [{ op: 'remove', path: '/~01' }], {}],
    ['adds an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
    ['accepts a null value', { a: 1 }, [{ op: 'replace', path: '/a', value: null }], { a: null }],
    ['replaces the whole document', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
    ['applies operations in order', { a: 1 }, [{ op: 'add', path: '/b', value: { c: 1 } }, { op: 'replace', path: '/b/c', value: 2 }, { op: 'remove', path: '/a' }], { b: { c: 2 } }],
    ['an empty list changes nothing', { a: 1 }, [], { a: 1 }],
    [
      'kubectl rollout undo replaces template and annotations',
      { metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '2' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'nginx:2' }] } } } },
      [
        { op: 'replace', path: '/spec/template', value: { spec: { containers: [{ name: 'a', image: 'nginx:1' }] } } },
        { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
      ],
      { metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '1' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'nginx:1' }] } } } },
    ],
    [
      'adds a label with an escaped key',
      { metadata: { labels: {} } },
      [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }],
      { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } },
    ],
  ])('%s', (_name, original, operations, expected) => {
    expect(applyJsonPatch(deepFreeze(original), deepFreeze(operations))).toEqual(expected);
  });

  it('never aliases operation values into the result', () => {
    const ops = [{ op: 'add', path: '/x', value: { list: [1] } }];
    const out = applyJsonPatch({}, ops) as { x: { list: number[] } };
    out.x.list.push(2);
    expect(ops[0]!.value).toEqual({ list: [1] });
  });
});

describe('applyJsonPatch: malformed documents are 400 BadRequest', () => {
  it.each([
    ['an object instead of a list', { op: 'add', path: '/a', value: 1 }, /expected an array of operations, got an object/],
    ['null', null, /expected an array of operations, got null/],
    ['a non-object operation', ['add'], /operation 0 must be an object/],
    ['an unknown op', [{ op: 'merge', path: '/a' }], /operation 0 has unsupported "op" "merge"/],
    ['a missing op', [{ path: '/a' }], /unsupported "op"/],
    ['a missing path', [{ op: 'remove' }], /operation 0 \(remove\) needs a string "path"/],
    ['a path without a leading slash', [{ op: 'remove', path: 'a' }], /invalid JSON pointer "path": "a"/],
    ['a bad ~ escape', [{ op: 'remove', path: '/a~2' }], /invalid JSON pointer/],
    ['a move without from', [{ op: 'move', path: '/a' }], /\(move\) needs a string "from"/],
    ['a copy with a bad from', [{ op: 'copy', from: 'x', path: '/a' }], /invalid JSON pointer "from"/],
    ['an add without value', [{ op: 'add', path: '/a' }], /\(add\) needs a "value"/],
    ['a test without value', [{ op: 'test', path: '/a' }], /\(test\) needs a "value"/],
    ['a __proto__ path', [{ op: 'add', path: '/__proto__/x', value: 1 }], /"__proto__"/],
    ['a constructor/prototype path', [{ op: 'add', path: '/constructor/prototype/x', value: 1 }], /constructor\/prototype/],
    ['an error in a later operation', [{ op: 'add', path: '/a', value: 1 }, { op: 'copy', path: '/b' }], /operation 1 \(copy\)/],
  ])('%s', (_name, operations, message) => {
    const err = thrown(() => applyJsonPatch({ a: 1 }, operations));
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).code).toBe(400);
    expect((err as Error).message).toMatch(message);
  });

  it('refuses more than 10,000 operations with 413, as kube-apiserver does', () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '', value: {} }));
    const err = thrown(() => applyJsonPatch({}, ops));
    expect(err).toBeInstanceOf(RequestEntityTooLargeError);
    expect((err as Error).message).toBe('The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});

describe('applyJsonPatch: operations that do not apply are 422 Invalid', () => {
  it.each([
    ['a failing test', { a: 1 }, [{ op: 'test', path: '/a', value: 2 }], /operation 0 \(test \/a\) failed/],
    ['a test of a string against a number', { baz: '10' }, [{ op: 'test', path: '/baz', value: 10 }], /failed/],
    ['a test of a missing path', { a: 1 }, [{ op: 'test', path: '/b', value: null }], /failed/],
    ['a remove of a missing member', { a: 1 }, [{ op: 'remove', path: '/b' }], /\(remove \/b\) does not apply: the path does not exist/],
    ['a remove of an inherited name', { a: {} }, [{ op: 'remove', path: '/a/constructor' }], /the path does not exist/],
    ['a replace of a missing member', { a: 1 }, [{ op: 'replace', path: '/b', value: 1 }], /the path does not exist/],
    ['a replace past the end of an array', { a: [1] }, [{ op: 'replace', path: '/a/1', value: 2 }], /the path does not exist/],
    ['a replace at "-"', { a: [1] }, [{ op: 'replace', path: '/a/-', value: 2 }], /the path does not exist/],
    ['an index with a leading zero', { a: [1, 2] }, [{ op: 'remove', path: '/a/01' }], /the path does not exist/],
    ['an add under a missing parent', { a: 1 }, [{ op: 'add', path: '/b/c', value: 1 }], /the parent path does not exist/],
    ['an add under a scalar', { a: 1 }, [{ op: 'add', path: '/a/c', value: 1 }], /the parent path does not exist/],
    ['an add past the end of an array', { a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }], /the array index is out of range/],
    ['an add at a non-numeric array index', { a: [1] }, [{ op: 'add', path: '/a/x', value: 2 }], /"x" is not an array index/],
    ['a move from a missing path', { a: 1 }, [{ op: 'move', from: '/b', path: '/c' }], /the "from" path \/b does not exist/],
    ['a move into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], /cannot be moved into one of its own children/],
    ['a copy from a missing path', { a: 1 }, [{ op: 'copy', from: '/x', path: '/c' }], /does not exist/],
    ['a removal of the whole document', { a: 1 }, [{ op: 'remove', path: '' }], /the whole document cannot be removed/],
    ['a failure after earlier successes', { a: 1 }, [{ op: 'remove', path: '/a' }, { op: 'remove', path: '/a' }], /operation 1 \(remove \/a\)/],
  ])('%s', (_name, original, operations, message) => {
    const frozen = deepFreeze(original);
    const err = thrown(() => applyJsonPatch(frozen, operations));
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as InvalidError).code).toBe(422);
    expect((err as InvalidError).reason).toBe('Invalid');
    expect((err as InvalidError).causes[0]!.message).toMatch(message);
  });

  it('names the target object, group-qualified as kube prints it: "The Deployment.apps "web" is invalid"', () => {
    const err = thrown(() =>
      applyJsonPatch({ spec: { replicas: 1 } }, [{ op: 'test', path: '/spec/replicas', value: 3 }], {
        kind: 'Deployment',
        name: 'web',
        group: 'apps',
      }),
    ) as InvalidError;
    expect(err.message).toBe('Deployment.apps "web" is invalid: json patch operation 0 (test /spec/replicas) failed: the value does not match');
    expect(err.details).toMatchObject({ kind: 'Deployment', name: 'web', group: 'apps' });
    expect(err.causes).toEqual([{ reason: 'FieldValueInvalid', message: expect.stringContaining('failed') }]);
  });

  it('leaves the original untouched when a later operation fails', () => {
    const original = { a: 1, b: { c: [1] } };
    thrown(() => applyJsonPatch(original, [{ op: 'add', path: '/b/c/-', value: 2 }, { op: 'test', path: '/a', value: 0 }]));
    expect(original).toEqual({ a: 1, b: { c: [1] } });
  });
});
