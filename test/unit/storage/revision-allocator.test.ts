// The counter's group commit: writers asking while a request is out share the next one,
// each gets its own revision in the order it asked, and none joins a request sent before
// it asked. The counter here is a plain number behind a hand-released promise.
import { describe, expect, it } from 'vitest';
import { RevisionAllocator } from '../../../lib/storage/revision-allocator.ts';

/** A counter whose requests are answered only when the test releases them. */
function heldCounter(start = 100n) {
  let value = start;
  const requests: { count: number; release(): void; fail(err: Error): void }[] = [];
  const allocate = (count: number) => new Promise<bigint>((resolve, reject) => {
    requests.push({
      count,
      release: () => { value += BigInt(count); resolve(value); },
      fail: reject,
    });
  });
  return { allocate, requests, value: () => value };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('RevisionAllocator', () => {
  it('writers asking in one turn share one request and get consecutive revisions in order', async () => {
    const counter = heldCounter();
    const revisions = new RevisionAllocator(counter.allocate);
    const asked = [revisions.next(), revisions.next(), revisions.next()];
    await settle();
    expect(counter.requests.map((r) => r.count)).toEqual([3]);
    counter.requests[0]!.release();
    expect(await Promise.all(asked)).toEqual([101n, 102n, 103n]);
  });

  it('writers asking while a request is out wait for the next one, never the one in flight', async () => {
    const counter = heldCounter();
    const revisions = new RevisionAllocator(counter.allocate);
    const first = revisions.next();
    await settle();
    const later = [revisions.next(), revisions.next()];
    await settle();
    expect(counter.requests.map((r) => r.count)).toEqual([1]);
    counter.requests[0]!.release();
    expect(await first).toBe(101n);
    await settle();
    expect(counter.requests.map((r) => r.count)).toEqual([1, 2]);
    counter.requests[1]!.release();
    expect(await Promise.all(later)).toEqual([102n, 103n]);
    // Idle again: the next writer starts a request of its own.
    const again = revisions.next();
    await settle();
    counter.requests[2]!.release();
    expect(await again).toBe(104n);
  });

  it('a failed request fails its own writers only; the next batch still gets revisions', async () => {
    const counter = heldCounter();
    const revisions = new RevisionAllocator(counter.allocate);
    const doomed = [revisions.next(), revisions.next()];
    await settle();
    const next = revisions.next();
    counter.requests[0]!.fail(new Error('throttled'));
    await expect(Promise.all(doomed)).rejects.toThrow('throttled');
    await settle();
    expect(counter.requests.map((r) => r.count)).toEqual([2, 1]);
    counter.requests[1]!.release();
    expect(await next).toBe(101n);
  });
});
