// List strategies of the strategic merge engine, against the same synthetic schema as
// strategic-merge.test.ts: one list of each strategy, shaped like apimachinery's test type.
import { describe, expect, it } from 'vitest';
import { run, failsWith } from './smp-fixtures.ts';


describe('lists with strategy merge and a merge key', () => {
  run([
    [
      'merges an existing element by key',
      { mergingList: [{ name: 'a', value: 1, other: 'x' }, { name: 'b' }] },
      { mergingList: [{ name: 'a', value: 2 }] },
      { mergingList: [{ name: 'a', value: 2, other: 'x' }, { name: 'b' }] },
    ],
    [
      'null deletes a field of an element',
      { mergingList: [{ name: 'a', value: 1, other: 'x' }] },
      { mergingList: [{ name: 'a', other: null }] },
      { mergingList: [{ name: 'a', value: 1 }] },
    ],
    [
      // apimachinery's order: a new element leading the patch goes before server-only ones.
      'a lone new element is placed first, as kube does',
      { mergingList: [{ name: 'a' }, { name: 'b' }] },
      { mergingList: [{ name: 'c' }] },
      { mergingList: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] },
    ],
    [
      'a new element follows the patch element before it',
      { mergingList: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
      { mergingList: [{ name: 'b', v: 1 }, { name: 'd' }] },
      { mergingList: [{ name: 'a' }, { name: 'b', v: 1 }, { name: 'd' }, { name: 'c' }] },
    ],
    [
      'patch order wins over server order for patched elements',
      { mergingList: [{ name: 'a' }, { name: 'b' }] },
      { mergingList: [{ name: 'b', v: 1 }, { name: 'a', v: 2 }] },
      { mergingList: [{ name: 'b', v: 1 }, { name: 'a', v: 2 }] },
    ],
    [
      'a key repeated in the patch merges into one new element',
      { mergingList: [] },
      { mergingList: [{ name: 'x', a: 1 }, { name: 'x', b: 2 }] },
      { mergingList: [{ name: 'x', a: 1, b: 2 }] },
    ],
    [
      'an empty patch list is a no-op',
      { mergingList: [{ name: 'a' }] },
      { mergingList: [] },
      { mergingList: [{ name: 'a' }] },
    ],
    [
      'null removes the whole list',
      { mergingList: [{ name: 'a' }] },
      { mergingList: null },
      {},
    ],
    [
      'merges a nested merge list',
      { mergingList: [{ name: 'a', mergingList: [{ name: 'x', v: 1 }, { name: 'y' }] }] },
      { mergingList: [{ name: 'a', mergingList: [{ name: 'x', v: 2 }] }] },
      { mergingList: [{ name: 'a', mergingList: [{ name: 'x', v: 2 }, { name: 'y' }] }] },
    ],
    [
      'a new element is normalised (nulls and directives dropped)',
      { mergingList: [{ name: 'a' }] },
      { mergingList: [{ name: 'a' }, { name: 'b', x: null, m: { $patch: 'delete' }, mergingList: [{ name: 'q', $patch: 'delete' }, { name: 'r' }] }] },
      { mergingList: [{ name: 'a' }, { name: 'b', mergingList: [{ name: 'r' }] }] },
    ],
    [
      '$patch: delete removes the element',
      { mergingList: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
      { mergingList: [{ name: 'b', $patch: 'delete' }] },
      { mergingList: [{ name: 'a' }, { name: 'c' }] },
    ],
    [
      '$patch: delete removes every element with that key',
      { mergingList: [{ name: 'a', v: 1 }, { name: 'b' }, { name: 'a', v: 2 }] },
      { mergingList: [{ name: 'a', $patch: 'delete' }] },
      { mergingList: [{ name: 'b' }] },
    ],
    [
      '$patch: delete of a missing element is a no-op',
      { mergingList: [{ name: 'a' }] },
      { mergingList: [{ name: 'z', $patch: 'delete' }] },
      { mergingList: [{ name: 'a' }] },
    ],
    [
      'adds and deletes in one patch',
      { mergingList: [{ name: 'a' }, { name: 'b' }] },
      { mergingList: [{ name: 'c' }, { name: 'a', $patch: 'delete' }] },
      { mergingList: [{ name: 'c' }, { name: 'b' }] },
    ],
    [
      '$patch: replace element replaces the whole list',
      { mergingList: [{ name: 'a', v: 1 }, { name: 'b' }] },
      { mergingList: [{ $patch: 'replace' }, { name: 'a', w: 2, x: null }, { name: 'c' }] },
      { mergingList: [{ name: 'a', w: 2 }, { name: 'c' }] },
    ],
    [
      '$patch: replace alone empties the list',
      { mergingList: [{ name: 'a' }] },
      { mergingList: [{ $patch: 'replace' }] },
      { mergingList: [] },
    ],
    [
      'directive elements of a list the original lacks are dropped',
      {},
      { mergingList: [{ name: 'a' }, { name: 'gone', $patch: 'delete' }] },
      { mergingList: [{ name: 'a' }] },
    ],
  ]);

  it.each([
    ['an element without the merge key', { mergingList: [{ value: 'b' }] }, /mergingList: map: \{"value":"b"\} does not contain declared merge key: name/],
    ['a delete without the merge key', { mergingList: [{ $patch: 'delete' }] }, /does not contain declared merge key: name/],
    ['$patch: merge on an element', { mergingList: [{ name: 'a', $patch: 'merge' }] }, /merging lists cannot yet be specified in the patch/],
    ['an unknown element $patch', { mergingList: [{ name: 'a', $patch: 'zap' }] }, /unknown patch type: "zap"/],
    ['objects mixed with primitives', { mergingList: ['a'] }, /list element types are not identical/],
    ['a list of lists', { mergingList: [['a']] }, /lists of lists are not supported/],
  ])('rejects %s', (_name, patch, message) => {
    failsWith({ mergingList: [{ name: 'a' }] }, patch, message);
  });
});

describe('lists of primitives with strategy merge', () => {
  run([
    ['are a union', { mergingIntList: [1, 2] }, { mergingIntList: [2, 3] }, { mergingIntList: [1, 2, 3] }],
    ['a lone new value goes first, as kube does', { mergingIntList: [1, 2] }, { mergingIntList: [3] }, { mergingIntList: [3, 1, 2] }],
    ['duplicates collapse', { mergingIntList: [1, 1, 2] }, { mergingIntList: [2, 2] }, { mergingIntList: [1, 2] }],
    ['an empty patch list is a no-op', { mergingIntList: [1] }, { mergingIntList: [] }, { mergingIntList: [1] }],
    ['a new list is taken as is', {}, { mergingIntList: [3, 1, 3] }, { mergingIntList: [3, 1, 3] }],
  ]);
});

describe('lists without a strategy', () => {
  run([
    ['are replaced wholesale', { nonMergingList: [{ name: 'a', v: 1 }, { name: 'b' }] }, { nonMergingList: [{ name: 'a' }] }, { nonMergingList: [{ name: 'a' }] }],
    ['primitive lists are replaced', { nonMergingIntList: [1, 2] }, { nonMergingIntList: [3] }, { nonMergingIntList: [3] }],
    ['an empty list clears them', { nonMergingList: [{ name: 'a' }] }, { nonMergingList: [] }, { nonMergingList: [] }],
    ['elements are normalised', {}, { nonMergingList: [{ a: null, b: { $patch: 'delete' }, c: 1 }] }, { nonMergingList: [{ c: 1 }] }],
    ['a $patch element is dropped', { nonMergingList: [{ a: 1 }] }, { nonMergingList: [{ $patch: 'replace' }, { b: 2 }] }, { nonMergingList: [{ b: 2 }] }],
    ['undescribed lists are replaced', { other: [1, 2] }, { other: [3] }, { other: [3] }],
    ['a list replaces a map', { other: { a: 1 } }, { other: [1] }, { other: [1] }],
  ]);
});

describe('$deleteFromPrimitiveList', () => {
  run([
    ['deletes from a merge list', { mergingIntList: [1, 2, 3] }, { '$deleteFromPrimitiveList/mergingIntList': [2] }, { mergingIntList: [1, 3] }],
    ['deletes every duplicate', { mergingIntList: [1, 3, 2, 3] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: [1, 2] }],
    ['deletes from a list without strategy', { nonMergingIntList: [1, 2, 3] }, { '$deleteFromPrimitiveList/nonMergingIntList': [1] }, { nonMergingIntList: [2, 3] }],
    ['ignores values not present', { mergingIntList: [1, 2] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: [1, 2] }],
    ['leaves an empty list empty', { mergingIntList: [] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: [] }],
    ['never creates a missing list', { foo: ['bar'] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { foo: ['bar'] }],
    ['combines with additions', { mergingIntList: [1, 2, 3] }, { mergingIntList: [4], '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: [4, 1, 2] }],
    ['wins over an addition of the same value', { mergingIntList: [1] }, { '$deleteFromPrimitiveList/mergingIntList': [2], mergingIntList: [2] }, { mergingIntList: [1] }],
  ]);

  it.each([
    ['a value that is not a list', { '$deleteFromPrimitiveList/mergingIntList': 3 }, /invalid patch format of primitive list/],
    ['object values', { '$deleteFromPrimitiveList/mergingIntList': [{ a: 1 }] }, /only primitive values/],
    ['a key without a field', { $deleteFromPrimitiveList: [1] }, /invalid patch format of primitive list/],
    ['a key with an empty field', { '$deleteFromPrimitiveList/': [1] }, /invalid patch format of primitive list/],
    ['a list of objects', { '$deleteFromPrimitiveList/mergingList': ['a'] }, /applies only to lists of primitives/],
  ])('rejects %s', (_name, patch, message) => {
    failsWith({ mergingIntList: [1, 3], mergingList: [{ name: 'a' }] }, patch, message);
  });

  it('rejects a malformed deletion list even when the list is absent', () => {
    failsWith({}, { '$deleteFromPrimitiveList/mergingIntList': 'x' }, /invalid patch format of primitive list/);
  });
});

describe('$setElementOrder', () => {
  run([
    [
      'reorders a keyed list without other changes',
      { mergingList: [{ name: '1' }, { name: '2', v: 2 }, { name: '3' }] },
      { '$setElementOrder/mergingList': [{ name: '3' }, { name: '1' }, { name: '2' }] },
      { mergingList: [{ name: '3' }, { name: '1' }, { name: '2', v: 2 }] },
    ],
    [
      'places new elements where the order says',
      { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: 2, other: 'b' }] },
      { '$setElementOrder/mergingList': [{ name: '1' }, { name: '4' }, { name: '2' }, { name: '3' }], mergingList: [{ name: '4', value: 4 }, { name: '3', value: 3 }] },
      { mergingList: [{ name: '1', other: 'a' }, { name: '4', value: 4 }, { name: '2', value: 2, other: 'b' }, { name: '3', value: 3 }] },
    ],
    [
      'keeps server-only elements after their server predecessor',
      { mergingList: [{ name: '1' }, { name: '2' }, { name: '9' }, { name: '3' }, { name: '4' }] },
      { '$setElementOrder/mergingList': [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }] },
      { mergingList: [{ name: '2' }, { name: '1' }, { name: '9' }, { name: '4' }, { name: '3' }] },
    ],
    [
      'keeps a run of server-only elements together',
      { mergingList: [{ name: '1' }, { name: '2' }, { name: '7' }, { name: '9' }, { name: '8' }, { name: '3' }, { name: '4' }] },
      { '$setElementOrder/mergingList': [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }] },
      { mergingList: [{ name: '2' }, { name: '1' }, { name: '7' }, { name: '9' }, { name: '8' }, { name: '4' }, { name: '3' }] },
    ],
    [
      'puts a trailing server-only element last',
      { mergingList: [{ name: '1' }, { name: '3' }, { name: '4' }, { name: '2' }, { name: '9' }] },
      { '$setElementOrder/mergingList': [{ name: '4' }, { name: '2' }, { name: '3' }, { name: '1' }] },
      { mergingList: [{ name: '4' }, { name: '2' }, { name: '3' }, { name: '1' }, { name: '9' }] },
    ],
    [
      'tolerates order entries that match nothing',
      { mergingList: [{ name: '1' }, { name: '3' }] },
      { '$setElementOrder/mergingList': [{ name: '3' }, { name: '2' }, { name: '1' }] },
      { mergingList: [{ name: '3' }, { name: '1' }] },
    ],
    [
      'orders a primitive merge list',
      { mergingIntList: [1, 2, 4] },
      { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3] },
      { mergingIntList: [1, 2, 3, 4] },
    ],
    [
      'orders a list the original lacks',
      {},
      { '$setElementOrder/mergingList': [{ name: 'b' }, { name: 'a' }], mergingList: [{ name: 'b' }, { name: 'a' }] },
      { mergingList: [{ name: 'b' }, { name: 'a' }] },
    ],
    [
      'ignores deleted elements when ordering',
      { mergingList: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
      { '$setElementOrder/mergingList': [{ name: 'c' }, { name: 'a' }], mergingList: [{ name: 'b', $patch: 'delete' }] },
      { mergingList: [{ name: 'c' }, { name: 'a' }] },
    ],
    [
      'keeps duplicates of one key together',
      { mergingList: [{ name: '1' }, { name: '2', v: 'dup1' }, { name: '3' }, { name: '2', v: 'dup2' }, { name: '4' }] },
      { '$setElementOrder/mergingList': [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }, { name: '2' }] },
      { mergingList: [{ name: '2', v: 'dup1' }, { name: '2', v: 'dup2' }, { name: '1' }, { name: '4' }, { name: '3' }] },
    ],
    ['is a no-op when neither side has the list', { a: 1 }, { '$setElementOrder/mergingList': [{ name: 'x' }] }, { a: 1 }],
    [
      'reorders a nested list inside a merged element',
      { mergingList: [{ name: 'a', mergingIntList: [1, 2, 3] }] },
      { mergingList: [{ name: 'a', '$setElementOrder/mergingIntList': [3, 2, 1] }] },
      { mergingList: [{ name: 'a', mergingIntList: [3, 2, 1] }] },
    ],
  ]);

  it.each([
    ['an order that contradicts the patch list', { mergingList: [{ name: '1' }, { name: '3' }] }, { '$setElementOrder/mergingList': [{ name: '1' }, { name: '2' }, { name: '3' }], mergingList: [{ name: '3' }, { name: '1' }] }, /doesn't match \$setElementOrder list/],
    ['a patch element missing from the order', { mergingList: [] }, { '$setElementOrder/mergingList': [{ name: '1' }], mergingList: [{ name: '2' }] }, /doesn't match/],
    ['a primitive order that contradicts the patch', { mergingIntList: [1] }, { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] }, /doesn't match/],
    ['an order that is not a list', { mergingList: [] }, { '$setElementOrder/mergingList': { name: 'a' } }, /invalid patch format of setElementOrder list/],
    ['an order entry without the merge key', { mergingList: [] }, { '$setElementOrder/mergingList': [{ n: 'a' }] }, /does not contain declared merge key: name/],
    ['a key without a field', { mergingList: [] }, { $setElementOrder: [] }, /invalid patch format of setElementOrder list/],
    ['a list value that is not a list', { mergingList: [] }, { '$setElementOrder/mergingList': [], mergingList: { name: 'a' } }, /must be a list to be ordered/],
    ['ordering maps without a merge key', { nonMergingList: [{ a: 1 }] }, { '$setElementOrder/nonMergingList': [{ a: 1 }] }, /needs a list of primitives or a list with a merge key/],
  ])('rejects %s', (_name, original, patch, message) => {
    failsWith(original, patch, message);
  });
});
