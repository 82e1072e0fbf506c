// Every write takes a revision from one counter item, so under load that item is the
// store's hottest key: one UpdateItem per write. Writers that ask while a request to the
// counter is out share the next one instead (a group commit): `ADD n` hands out n
// consecutive revisions, one per waiter, in the order they asked.
//
// A waiter only ever joins a request sent after it asked, so its revision is still newer
// than anything committed before it asked (what a write after a read relies on). Each
// revision goes to exactly one writer, which writes it or marks it abandoned, as before.

/** Adds `count` to the counter and returns its new value: the last revision of the block. */
export type AllocateBlock = (count: number) => Promise<bigint>;

interface Waiter {
  resolve(revision: bigint): void;
  reject(err: unknown): void;
}

export class RevisionAllocator {
  private waiting: Waiter[] = [];
  private busy = false;

  constructor(private readonly allocate: AllocateBlock) {}

  next(): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      // Started after the current microtasks, so writers asking in the same turn share it.
      if (!this.busy) {
        this.busy = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        const last = await this.allocate(batch.length);
        const first = last - BigInt(batch.length - 1);
        batch.forEach((w, i) => w.resolve(first + BigInt(i)));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.busy = false;
  }
}
