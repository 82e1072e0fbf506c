import { describe, expect, it } from 'vitest';
import { chunks } from '../../../lib/core/chunks.ts';

describe('chunks', () => {
  it('cuts a list into runs of at most the size, in order, the last one shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(chunks(Array.from({ length: 25 }, (_, i) => i), 10).map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('gives no chunks for an empty list, and refuses a size below 1', () => {
    expect(chunks([], 10)).toEqual([]);
    expect(() => chunks([1], 0)).toThrow(RangeError);
  });
});
