// Reads the usage counters `skiff up --usage-file` keeps, around a piece of work: waits
// for the pipeline to go quiet (no new priced requests) so a window holds all the work's
// consequences (fanout, consumers) and nothing else.
import type { Usage } from '../../local/usage-meter.ts';
import { costOf } from './cost.ts';
import { sum } from './cost.ts';
import type { SkiffUp } from './skiff-process.ts';

/** Requests that would be billed, ignoring empty long polls and free stream reads. */
function billable(u: Usage): number {
  return sum(u.dynamo.requests) + sum(u.sqs.requests) - u.sqs.emptyReceives + u.lambda.apiserver;
}

/** Waits until the billable count has not moved for `stableMs` (bounded by maxMs). */
export async function quietUsage(skiff: SkiffUp, stableMs = 2000, maxMs = 60_000): Promise<Usage> {
  const deadline = Date.now() + maxMs;
  let last = skiff.usage();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = skiff.usage();
    if (billable(now) !== billable(last)) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) {
      return now;
    }
  }
  return last;
}

export function usd(u: Usage): number {
  return costOf(u).totalUsd;
}
