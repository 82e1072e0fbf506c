// The narrow queue interface the pipeline is written against. Queues are named by their
// consumer ("scheduler", …) or "delay"; implementations map names to real queues.
import { chunks } from '../core/chunks.ts';

export interface OutgoingMessage {
  body: string;
  /** FIFO queues: the ordering group (one per object key). */
  groupId?: string;
  /** FIFO queues: equal ids within five minutes are delivered once. */
  deduplicationId?: string;
  /** Standard queues only (SQS FIFO has no per-message delay): at most 900 seconds. */
  delaySeconds?: number;
}

export interface WorkQueue {
  /** Sends up to 10 messages; returns the indexes that failed (the caller retries those). */
  sendBatch(queue: string, messages: OutgoingMessage[]): Promise<{ failedIndexes: number[] }>;
  /** Hides a received message for `seconds` more: how a failed reconcile backs off. */
  changeVisibility(queue: string, receiptHandle: string, seconds: number): Promise<void>;
}

export const SQS_MAX_BATCH = 10;

/** Sends any number of messages in batches of 10; returns the messages that failed. */
export async function sendAll(q: WorkQueue, queue: string, messages: OutgoingMessage[]): Promise<OutgoingMessage[]> {
  const failed: OutgoingMessage[] = [];
  for (const batch of chunks(messages, SQS_MAX_BATCH)) {
    try {
      const res = await q.sendBatch(queue, batch);
      for (const idx of res.failedIndexes) failed.push(batch[idx]!);
    } catch {
      failed.push(...batch);
    }
  }
  return failed;
}
