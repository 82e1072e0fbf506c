import { describe, expect, it } from 'vitest';
import { GoneError } from '../../../lib/api/errors.ts';
import { parseLabelSelector } from '../../../lib/api/selectors/label-selector.ts';
import type { ChangeEntry } from '../../../lib/storage/change-log.ts';
import { MemoryChangeLog } from '../../../lib/storage/memory-change-log.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { eventFor } from '../../../lib/watch/watch-filter.ts';
import { watchStream, type WatchEvent } from '../../../lib/watch/watch-stream.ts';

const cm = (name: string, rv: number, labels: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: String(rv), labels } });
const entry = (rv: number, type: ChangeEntry['type'], name = 'a', labels: Record<string, string> = {}, old?: KubeObject): ChangeEntry =>
  type === 'GAP' ? { revision: BigInt(rv), type } : { revision: BigInt(rv), type, resource: '/configmaps', namespace: 'default', object: cm(name, rv, labels), ...(old ? { old } : {}) };

/** Drives a watch with a fake clock: every poll advances time by pollMs. */
async function collect(log: MemoryChangeLog, from: number, want: number, opts: { gapTimeoutMs?: number; bookmarkEveryMs?: number; onPoll?: (t: number) => Promise<void> } = {}) {
  let t = 0;
  const controller = new AbortController();
  const events: WatchEvent[] = [];
  const skipped: [bigint, bigint][] = [];
  const origRead = log.readAfter.bind(log);
  log.readAfter = async (after, limit) => {
    t += 100;
    await opts.onPoll?.(t);
    if (t > 60_000) controller.abort();
    return origRead(after, limit);
  };
  for await (const ev of watchStream({
    log, filter: { resource: '/configmaps' }, from: BigInt(from), signal: controller.signal, now: () => t, pollMs: 0,
    gapTimeoutMs: opts.gapTimeoutMs ?? 1000, bookmarkEveryMs: opts.bookmarkEveryMs, onSkippedGap: (a, b) => skipped.push([a, b]),
  })) {
    events.push(ev);
    if (events.length >= want) controller.abort();
  }
  return { events, skipped, elapsed: t };
}

describe('watchStream', () => {
  it('delivers changes after the start revision, once, in revision order', async () => {
    const log = new MemoryChangeLog({ now: () => new Date() });
    await log.append([entry(3, 'ADDED', 'c'), entry(1, 'ADDED', 'a'), entry(2, 'ADDED', 'b'), entry(4, 'MODIFIED', 'a')]);
    const { events } = await collect(log, 1, 3);
    expect(events.map((e) => (e.type === 'BOOKMARK' ? 'bm' : `${e.type}:${e.object.metadata.name}`))).toEqual(['ADDED:b', 'ADDED:c', 'MODIFIED:a']);
  });

  it('waits for a missing revision, delivering it in order when it arrives late', async () => {
    const log = new MemoryChangeLog({ now: () => new Date() });
    await log.append([entry(1, 'ADDED', 'a'), entry(3, 'ADDED', 'c')]);
    const { events, skipped } = await collect(log, 0, 3, { onPoll: async (t) => { if (t === 500) await log.append([entry(2, 'ADDED', 'b')]); } });
    expect(events.map((e) => (e as { object: KubeObject }).object.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(skipped).toEqual([]);
  });

  it('moves past a revision that never commits after the gap timeout', async () => {
    const log = new MemoryChangeLog({ now: () => new Date() });
    await log.append([entry(1, 'ADDED', 'a'), entry(4, 'ADDED', 'd')]);
    const { events, skipped } = await collect(log, 0, 2, { gapTimeoutMs: 1000 });
    expect(events.map((e) => (e as { object: KubeObject }).object.metadata.name)).toEqual(['a', 'd']);
    expect(skipped).toEqual([[2n, 3n]]);
  });

  it('skips GAP entries at once, without waiting', async () => {
    const log = new MemoryChangeLog({ now: () => new Date() });
    await log.append([entry(1, 'GAP'), entry(2, 'ADDED', 'b')]);
    const { events, skipped, elapsed } = await collect(log, 0, 1, { gapTimeoutMs: 1_000_000 });
    expect(events).toHaveLength(1);
    expect(skipped).toEqual([]);
    expect(elapsed).toBeLessThan(1_000_000);
  });

  it('answers a revision older than the compacted floor with 410 Gone', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const log = new MemoryChangeLog({ now: () => now });
    await log.append([entry(1, 'ADDED'), entry(2, 'ADDED')]);
    now = new Date('2026-01-01T02:00:00Z');
    await log.append([entry(3, 'ADDED')]);
    expect(await log.compact(new Date('2026-01-01T01:00:00Z'))).toBe(2);
    const stream = watchStream({ log, filter: { resource: '/configmaps' }, from: 1n, signal: new AbortController().signal, now: () => 0 });
    await expect(stream.next()).rejects.toThrow(GoneError);
    await expect(watchStream({ log, filter: { resource: '/configmaps' }, from: 1n, signal: new AbortController().signal, now: () => 0 }).next()).rejects.toThrow('too old resource version: 1 (3)');
  });

  it('sends bookmarks with the current revision when idle', async () => {
    const log = new MemoryChangeLog({ now: () => new Date() });
    await log.append([entry(1, 'ADDED'), entry(2, 'ADDED', 'other-kind')]);
    const { events } = await collect(log, 2, 1, { bookmarkEveryMs: 500 });
    expect(events).toEqual([{ type: 'BOOKMARK', revision: 2n }]);
  });
});

describe('eventFor (selector transitions)', () => {
  const filter = { resource: '/configmaps', labelSelector: parseLabelSelector('app=web') };
  it.each([
    ['added and matching', entry(1, 'ADDED', 'a', { app: 'web' }), 'ADDED'],
    ['added, not matching', entry(1, 'ADDED', 'a', { app: 'db' }), undefined],
    ['modified, matching before and after', entry(2, 'MODIFIED', 'a', { app: 'web' }, cm('a', 1, { app: 'web' })), 'MODIFIED'],
    ['starts matching', entry(2, 'MODIFIED', 'a', { app: 'web' }, cm('a', 1, { app: 'db' })), 'ADDED'],
    ['stops matching', entry(2, 'MODIFIED', 'a', { app: 'db' }, cm('a', 1, { app: 'web' })), 'DELETED'],
    ['deleted while matching', entry(3, 'DELETED', 'a', { app: 'web' }), 'DELETED'],
    ['another resource', { ...entry(1, 'ADDED', 'a', { app: 'web' }), resource: '/secrets' }, undefined],
    ['a gap', entry(1, 'GAP'), undefined],
  ])('%s', (_name, e, type) => {
    expect(eventFor(filter, e)?.type).toBe(type);
  });
});
