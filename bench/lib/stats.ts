// Latency and rate arithmetic for the benchmarks: pure, so it is unit-tested.

/** The q-quantile (0..1) by the nearest-rank method, as latency reports usually mean it. */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  count: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
}

/** Throughput over the wall time the operations took, and their latency quantiles. */
export function summarize(latenciesMs: readonly number[], wallMs: number): LatencySummary {
  return {
    count: latenciesMs.length,
    perSec: rate(latenciesMs.length, wallMs),
    p50Ms: round(percentile(latenciesMs, 0.5), 1),
    p99Ms: round(percentile(latenciesMs, 0.99), 1),
  };
}

export function rate(count: number, wallMs: number): number {
  return wallMs > 0 ? round((count * 1000) / wallMs, 1) : 0;
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
