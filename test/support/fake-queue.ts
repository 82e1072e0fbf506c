// An in-memory WorkQueue for unit tests: records what was sent and what was hidden.
import type { OutgoingMessage, WorkQueue } from '../../lib/queue/work-queue.ts';

export class FakeWorkQueue implements WorkQueue {
  readonly sent: { queue: string; message: OutgoingMessage }[] = [];
  readonly visibility: { queue: string; receiptHandle: string; seconds: number }[] = [];
  /** Sends whose body matches fail (reported as failed indexes). */
  failWhen: (queue: string, m: OutgoingMessage) => boolean = () => false;

  async sendBatch(queue: string, messages: OutgoingMessage[]): Promise<{ failedIndexes: number[] }> {
    if (messages.length > 10) throw new Error('SQS batches hold at most 10 messages');
    const failedIndexes: number[] = [];
    messages.forEach((m, i) => (this.failWhen(queue, m) ? failedIndexes.push(i) : this.sent.push({ queue, message: m })));
    return { failedIndexes };
  }

  async changeVisibility(queue: string, receiptHandle: string, seconds: number): Promise<void> {
    this.visibility.push({ queue, receiptHandle, seconds });
  }
}
