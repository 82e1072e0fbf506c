// Pod status writes, coalesced and bounded: a pod whose status changes twice before its
// write goes out is written once with the newer status, and at most `concurrency` writes
// are in flight for the whole agent, so thousands of simulated pods turning Running at
// once become a steady stream rather than a stampede. A failed write is retried after
// `retryMs` unless `isFinal(err)` says it never can succeed (the pod is gone).

interface Pending<T> {
  payload: T;
  waiters: (() => void)[];
}

export interface StatusWriterOptions {
  concurrency?: number;
  retryMs?: number;
  isFinal?: (err: unknown) => boolean;
  log?: (entry: Record<string, unknown>) => void;
}

export class StatusWriter<T> {
  private readonly pending = new Map<string, Pending<T>>();
  private readonly queue: string[] = [];
  private readonly inFlight = new Set<string>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly send: (key: string, payload: T) => Promise<void>, private readonly opts: StatusWriterOptions = {}) {}

  /** Resolves once this payload, or a newer one for the key, was written (or dropped). */
  submit(key: string, payload: T): Promise<void> {
    return new Promise((resolve) => {
      const entry = this.pending.get(key);
      if (entry) {
        entry.payload = payload;
        entry.waiters.push(resolve);
        return;
      }
      this.pending.set(key, { payload, waiters: [resolve] });
      this.enqueue(key);
    });
  }

  /** Pending and in-flight writes, for tests and shutdown. */
  get backlog(): number {
    return this.pending.size + this.inFlight.size;
  }

  close(): void {
    this.closed = true;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    for (const entry of this.pending.values()) for (const w of entry.waiters) w();
    this.pending.clear();
    this.queue.length = 0;
  }

  private enqueue(key: string): void {
    if (!this.inFlight.has(key)) this.queue.push(key);
    this.pump();
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 16;
    while (!this.closed && this.inFlight.size < limit && this.queue.length) {
      const key = this.queue.shift()!;
      const entry = this.pending.get(key);
      if (!entry || this.inFlight.has(key)) continue;
      this.pending.delete(key);
      this.inFlight.add(key);
      void this.write(key, entry);
    }
  }

  private async write(key: string, entry: Pending<T>): Promise<void> {
    let retry = false;
    try {
      await this.send(key, entry.payload);
    } catch (err) {
      if (this.opts.isFinal?.(err)) {
        this.opts.log?.({ msg: 'status write dropped', key, error: String(err) });
      } else {
        retry = true;
        this.opts.log?.({ msg: 'status write failed, will retry', key, error: String(err) });
      }
    }
    this.inFlight.delete(key);
    if (retry && !this.closed) {
      // A newer payload supersedes the failed one; otherwise the failed one goes again.
      const newer = this.pending.get(key);
      if (newer) newer.waiters.push(...entry.waiters);
      else this.pending.set(key, entry);
      const t = setTimeout(() => {
        this.retryTimers.delete(t);
        this.enqueue(key);
      }, this.opts.retryMs ?? 1000);
      this.retryTimers.add(t);
    } else {
      for (const w of entry.waiters) w();
      if (this.pending.has(key)) this.queue.push(key);
    }
    this.pump();
  }
}
