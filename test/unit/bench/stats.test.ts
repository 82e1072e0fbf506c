import { describe, expect, it } from 'vitest';
import { percentile, rate, round, summarize } from '../../../bench/lib/stats.ts';

describe('bench stats', () => {
  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 0.99)).toBe(42);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('turns counts and wall time into rates', () => {
    expect(rate(50, 2000)).toBe(25);
    expect(rate(1, 3000)).toBe(0.3);
    expect(rate(10, 0)).toBe(0);
    expect(round(1.2345, 2)).toBe(1.23);
  });

  it('summarizes latencies', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1), 10_000);
    expect(s).toEqual({ count: 100, perSec: 10, p50Ms: 50, p99Ms: 99 });
  });
});
