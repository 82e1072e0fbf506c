// Counters per work queue, by outcome. They live in the objects table (one item per queue,
// ADDed once per handled batch) so every process — a Lambda consumer, the local runner,
// the apiserver serving /metrics — sees the same numbers.

export const OUTCOMES = ['processed', 'retried', 'deadLettered', 'terminal', 'requeued'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Partial<Record<Outcome, number>>;

export interface QueueMetrics {
  record(queue: string, counts: OutcomeCounts): Promise<void>;
  snapshot(): Promise<Record<string, OutcomeCounts>>;
}

/** For unit tests only; test/contract runs the same cases against the DynamoDB one. */
export class MemoryQueueMetrics implements QueueMetrics {
  private readonly counts = new Map<string, Record<Outcome, number>>();

  async record(queue: string, counts: OutcomeCounts): Promise<void> {
    const current = this.counts.get(queue) ?? { processed: 0, retried: 0, deadLettered: 0, terminal: 0, requeued: 0 };
    for (const o of OUTCOMES) current[o] += counts[o] ?? 0;
    this.counts.set(queue, current);
  }

  async snapshot(): Promise<Record<string, OutcomeCounts>> {
    return Object.fromEntries([...this.counts.entries()].map(([q, c]) => [q, { ...c }]));
  }
}
