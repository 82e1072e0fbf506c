// Runs an operation at a fixed concurrency until a count or a time limit is reached,
// recording each operation's latency. Both bounds always apply: a slow system ends early.
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
}

export async function runLoad(opts: { concurrency: number; count: number; maxMs: number; op: (i: number, worker: number) => Promise<void> }): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + opts.maxMs;
  const worker = async (w: number) => {
    while (next < opts.count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await opts.op(i, w);
        latenciesMs.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return { latenciesMs, wallMs: performance.now() - start, errors, firstError };
}

/** Polls until `check` returns a value or the time runs out (then returns undefined). */
export async function pollUntil<T>(check: () => Promise<T | undefined> | T | undefined, maxMs: number, everyMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return undefined;
}
