// A watch from revision R: every later change once, in revision order, read from the
// change log. Revisions are allocated before they are committed and reach the log from
// different stream shards, so the log can show R+2 before R+1. Like kine, we wait for a
// missing revision for a bounded time (most are filled within milliseconds, or marked GAP
// at once when their write failed), then move past it.
import { GoneError } from '../api/errors.ts';
import type { ChangeLog } from '../storage/change-log.ts';
import { eventFor, type ObjectEvent, type WatchFilter } from './watch-filter.ts';

export type WatchEvent = ObjectEvent | { type: 'BOOKMARK'; revision: bigint };

export interface WatchStreamOptions {
  log: ChangeLog;
  filter: WatchFilter;
  from: bigint;
  signal: AbortSignal;
  now: () => number;
  pollMs?: number;
  /** How long a missing revision is waited for before it is taken as never committed. */
  gapTimeoutMs?: number;
  /** Emit a BOOKMARK with the current revision after this long without events. */
  bookmarkEveryMs?: number;
  /** Called when a revision is given up on, for logs and counters. */
  onSkippedGap?: (from: bigint, to: bigint) => void;
}

const PAGE = 200;

export async function* watchStream(opts: WatchStreamOptions): AsyncGenerator<WatchEvent> {
  const floor = await opts.log.floor();
  if (opts.from < floor) throw new GoneError(`too old resource version: ${opts.from} (${floor + 1n})`);
  const pollMs = opts.pollMs ?? 250;
  const gapTimeoutMs = opts.gapTimeoutMs ?? 5000;
  let cursor = opts.from;
  let gapSeenAt: number | undefined;
  let lastSent = opts.now();

  while (!opts.signal.aborted) {
    let progressed = false;
    for (const entry of await opts.log.readAfter(cursor, PAGE)) {
      if (entry.revision > cursor + 1n) {
        gapSeenAt ??= opts.now();
        if (opts.now() - gapSeenAt < gapTimeoutMs) break;
        opts.onSkippedGap?.(cursor + 1n, entry.revision - 1n);
      }
      gapSeenAt = undefined;
      cursor = entry.revision;
      progressed = true;
      const event = eventFor(opts.filter, entry);
      if (event) {
        lastSent = opts.now();
        yield event;
      }
    }
    if (opts.bookmarkEveryMs !== undefined && opts.now() - lastSent >= opts.bookmarkEveryMs) {
      lastSent = opts.now();
      yield { type: 'BOOKMARK', revision: cursor };
    }
    if (!progressed) await sleep(pollMs, opts.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
