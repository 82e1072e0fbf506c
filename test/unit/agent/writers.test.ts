// The agent's batching pieces: coalesced status writes, the log shipper's ordered chunks,
// and the shared timer of the simulated runtime.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentApiError } from '../../../lib/agent/agent-api.ts';
import { LogShipper } from '../../../lib/agent/log-shipper.ts';
import { DelayQueue } from '../../../lib/agent/runtimes/delay-queue.ts';
import { StatusWriter } from '../../../lib/agent/status-writer.ts';
import { until } from './fakes.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('StatusWriter', () => {
  it('coalesces writes per key and bounds concurrency', async () => {
    const sent: [string, number][] = [];
    let inFlight = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const w = new StatusWriter<number>(async (key, n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((r) => release.push(r));
      inFlight--;
      sent.push([key, n]);
    }, { concurrency: 2 });
    const done = [w.submit('a', 1), w.submit('b', 1), w.submit('c', 1), w.submit('a', 2), w.submit('a', 3), w.submit('c', 2)];
    // a1 and b1 go at once; c1 is replaced by c2 while queued; a2 by a3 while a1 is in flight.
    while (sent.length < 4) {
      await until('a write in flight', () => release.length > 0);
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(done);
    expect(peak).toBe(2);
    expect(sent.slice(0, 2)).toEqual([['a', 1], ['b', 1]]);
    expect(sent.slice(2).sort()).toEqual([['a', 3], ['c', 2]]);
    w.close();
  });

  it('retries failures unless they are final', async () => {
    let calls = 0;
    const w = new StatusWriter<string>(async (_k, v) => {
      calls++;
      if (v === 'flaky' && calls === 1) throw new Error('boom');
      if (v === 'gone') throw new AgentApiError(404, 'not found');
    }, { retryMs: 1, isFinal: (e) => e instanceof AgentApiError && e.code === 404 });
    await w.submit('x', 'flaky');
    expect(calls).toBe(2);
    await w.submit('y', 'gone');
    expect(calls).toBe(3);
    expect(w.backlog).toBe(0);
    w.close();
  });
});

describe('LogShipper', () => {
  it('sends numbered chunks in order, one at a time per container run', async () => {
    const got: { seq: number; text: string }[] = [];
    let fail = true;
    const shipper = new LogShipper(async (ref, text) => {
      if (fail && ref.seq === 1) {
        fail = false;
        throw new Error('network');
      }
      got.push({ seq: ref.seq, text });
    }, { flushMs: 1, maxChunkChars: 4 });
    const sink = shipper.sink({ namespace: 'ns', name: 'p', uid: 'u', container: 'c', instance: 0 });
    sink.write('hello world');
    await until('all shipped', () => got.map((g) => g.text).join('') === 'hello world', 5000);
    expect(got.map((g) => g.seq)).toEqual([0, 1, 2]);
    expect(got.map((g) => g.text)).toEqual(['hell', 'o wo', 'rld']);
    sink.close();
    await shipper.flush();
    shipper.stop();
  });

  it('still retries when its timer fires before the wall clock reaches the retry time', async () => {
    vi.useFakeTimers();
    const got: string[] = [];
    let fail = true;
    const shipper = new LogShipper(async (_ref, text) => {
      if (fail) {
        fail = false;
        throw new Error('network');
      }
      got.push(text);
    }, { flushMs: 1 });
    shipper.sink({ namespace: 'ns', name: 'p', uid: 'u', container: 'c', instance: 0 }).write('late');
    await vi.advanceTimersByTimeAsync(1);
    expect(fail).toBe(false);
    // Timers run on a monotonic clock and Date.now() on the wall clock: set the wall clock
    // back so the retry timer fires while Date.now() is still short of the retry time.
    vi.setSystemTime(Date.now() - 5);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(10);
    expect(got).toEqual(['late']);
    shipper.stop();
  });

  it('never splits a surrogate pair and drops output for a pod that is gone', async () => {
    const got: string[] = [];
    const shipper = new LogShipper(async (ref, text) => {
      if (ref.name === 'gone') throw new AgentApiError(404, 'gone');
      got.push(text);
    }, { flushMs: 1, maxChunkChars: 2, isFinal: (e) => e instanceof AgentApiError });
    shipper.sink({ namespace: 'ns', name: 'p', uid: 'u', container: 'c', instance: 0 }).write('a😀b');
    shipper.sink({ namespace: 'ns', name: 'gone', uid: 'u2', container: 'c', instance: 0 }).write('lost');
    await shipper.flush();
    expect(got).toEqual(['a', '😀', 'b']);
    shipper.stop();
  });
});

describe('DelayQueue', () => {
  it('releases waiters in deadline order on one timer', async () => {
    const q = new DelayQueue();
    const order: number[] = [];
    const waits = [30, 10, 20, 10].map((ms, i) => q.wait(ms).then(() => order.push(i)));
    expect(q.size).toBe(4);
    await Promise.all(waits);
    expect(order).toEqual([1, 3, 2, 0]);
    expect(q.size).toBe(0);
  });

  it('lets everything go on flush', async () => {
    const q = new DelayQueue();
    const w = q.wait(60_000);
    q.flush();
    await w;
    expect(q.size).toBe(0);
  });
});
