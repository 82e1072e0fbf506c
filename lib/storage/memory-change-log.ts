// In-memory ChangeLog for unit tests only (the DynamoDB one runs in the integration tests).
import type { Clock } from '../core/clock.ts';
import type { ChangeEntry, ChangeLog } from './change-log.ts';

export class MemoryChangeLog implements ChangeLog {
  private readonly entries = new Map<bigint, { entry: ChangeEntry; at: number }>();
  private compactedTo = 0n;

  constructor(private readonly clock: Clock) {}

  async append(entries: ChangeEntry[]): Promise<void> {
    for (const e of entries) this.entries.set(e.revision, { entry: structuredClone(e), at: this.clock.now().getTime() });
  }

  async readAfter(after: bigint, limit: number): Promise<ChangeEntry[]> {
    return [...this.entries.keys()].filter((r) => r > after).sort((a, b) => (a < b ? -1 : 1)).slice(0, limit).map((r) => structuredClone(this.entries.get(r)!.entry));
  }

  async floor(): Promise<bigint> {
    return this.compactedTo;
  }

  async compact(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const [r, { at }] of this.entries) {
      if (at < cutoff.getTime()) {
        this.entries.delete(r);
        if (r > this.compactedTo) this.compactedTo = r;
        removed++;
      }
    }
    return removed;
  }
}
