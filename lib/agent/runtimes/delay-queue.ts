// Many deadlines, one timer: the simulated runtime may have thousands of containers
// "starting" at once, so instead of a timer each they wait in a heap and a single timer
// is armed for the earliest.

interface Entry {
  dueMs: number;
  resolve: () => void;
}

export class DelayQueue {
  private readonly heap: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(private readonly now: () => number = Date.now) {}

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.push({ dueMs: this.now() + ms, resolve });
      this.arm();
    });
  }

  get size(): number {
    return this.heap.length;
  }

  /** Resolves every waiter now (shutdown) and stops the timer. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    for (const e of this.heap.splice(0)) e.resolve();
  }

  private arm(): void {
    const first = this.heap[0];
    if (!first || first.dueMs >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = first.dueMs;
    this.timer = setTimeout(() => this.fire(), Math.max(0, first.dueMs - this.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.heap.length && this.heap[0]!.dueMs <= now) this.pop().resolve();
    this.arm();
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.dueMs <= h[i]!.dueMs) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.dueMs < h[m]!.dueMs) m = l;
        if (r < h.length && h[r]!.dueMs < h[m]!.dueMs) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
