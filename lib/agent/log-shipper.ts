// Container output on its way to the apiserver (so `kubectl logs` works even when the
// apiserver is a Lambda that cannot reach the node). Output is buffered per container
// instance and sent as numbered chunks, one chunk in flight per instance so they arrive in
// order; a single agent-wide timer, armed only while something is buffered, does the
// sending. The chunk number makes a resend after a timeout harmless (the store refuses a
// duplicate). A buffer that cannot be delivered is capped, dropping the oldest output.
import type { LogChunkRef } from './agent-api.ts';

export type LogStreamRef = Omit<LogChunkRef, 'seq'>;

export interface LogSink {
  write(text: string): void;
  /** No more output; the sink goes once its buffer is delivered. */
  close(): void;
}

export interface LogShipperOptions {
  flushMs?: number;
  /** Characters per chunk (≤ 3 bytes each in UTF-8, so 16 Ki chars stay under 48 KiB). */
  maxChunkChars?: number;
  maxBufferedChars?: number;
  concurrency?: number;
  /** Errors after which a chunk is dropped rather than retried (the pod is gone). */
  isFinal?: (err: unknown) => boolean;
  log?: (entry: Record<string, unknown>) => void;
}

const RETRY_MS = 1000;

interface SinkState {
  ref: LogStreamRef;
  buffer: string;
  seq: number;
  sending: boolean;
  closed: boolean;
  /** After a failed send, not before this time. */
  retryAtMs: number;
}

export class LogShipper {
  private readonly sinks = new Set<SinkState>();
  private timer: NodeJS.Timeout | undefined;
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly send: (ref: LogChunkRef, text: string) => Promise<void>, private readonly opts: LogShipperOptions = {}) {}

  sink(ref: LogStreamRef): LogSink {
    const state: SinkState = { ref, buffer: '', seq: 0, sending: false, closed: false, retryAtMs: 0 };
    this.sinks.add(state);
    return {
      write: (text) => {
        if (this.stopped || state.closed) return;
        state.buffer += text;
        const cap = this.opts.maxBufferedChars ?? 1 << 20;
        if (state.buffer.length > cap) {
          this.opts.log?.({ msg: 'log buffer full, dropping oldest output', pod: `${ref.namespace}/${ref.name}`, container: ref.container });
          state.buffer = state.buffer.slice(state.buffer.length - cap);
        }
        this.arm(this.opts.flushMs ?? 250);
      },
      close: () => {
        state.closed = true;
        if (!state.buffer && !state.sending) this.sinks.delete(state);
        else this.arm(0);
      },
    };
  }

  /** Resolves once nothing is buffered or in flight, the shipper stopped, or `timeoutMs` passed. */
  async flush(timeoutMs = 5000): Promise<void> {
    if (this.idle()) return;
    this.arm(0);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sinks.clear();
    this.wakeIdle();
  }

  private idle(): boolean {
    return this.active === 0 && [...this.sinks].every((s) => !s.buffer);
  }

  private wakeIdle(): void {
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private arm(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 8;
    const now = Date.now();
    let nextRetryAtMs = Number.POSITIVE_INFINITY;
    for (const s of this.sinks) {
      if (this.active >= limit) break;
      if (s.sending) continue;
      if (s.retryAtMs > now) {
        nextRetryAtMs = Math.min(nextRetryAtMs, s.retryAtMs);
        continue;
      }
      if (!s.buffer) {
        if (s.closed) this.sinks.delete(s);
        continue;
      }
      void this.ship(s);
    }
    // A timer may fire a millisecond before the wall clock reaches a retry time; look again then.
    if (nextRetryAtMs !== Number.POSITIVE_INFINITY) this.arm(nextRetryAtMs - now);
    if (this.idle()) this.wakeIdle();
  }

  private async ship(s: SinkState): Promise<void> {
    let n = Math.min(s.buffer.length, this.opts.maxChunkChars ?? 16 * 1024);
    // Never split a surrogate pair across chunks.
    const last = s.buffer.charCodeAt(n - 1);
    if (n < s.buffer.length && last >= 0xd800 && last <= 0xdbff) n--;
    const text = s.buffer.slice(0, n);
    s.sending = true;
    this.active++;
    let retry = false;
    try {
      await this.send({ ...s.ref, seq: s.seq }, text);
      s.seq++;
      s.buffer = s.buffer.slice(n);
    } catch (err) {
      if (this.opts.isFinal?.(err)) {
        s.buffer = '';
        s.closed = true;
      } else {
        retry = true;
        s.retryAtMs = Date.now() + RETRY_MS;
        this.opts.log?.({ msg: 'log chunk failed, will retry', pod: `${s.ref.namespace}/${s.ref.name}`, container: s.ref.container, error: String(err) });
      }
    }
    s.sending = false;
    this.active--;
    if (this.stopped) return;
    if (!s.buffer && s.closed) this.sinks.delete(s);
    if (retry) this.arm(RETRY_MS);
    else if ([...this.sinks].some((x) => x.buffer && !x.sending)) this.arm(0);
    if (this.idle()) this.wakeIdle();
  }
}
