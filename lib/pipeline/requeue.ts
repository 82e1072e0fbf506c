// Requeue-after on FIFO queues, which have no per-message delay: the key goes to the
// standard delay queue with DelaySeconds (at most 15 minutes); the delay forwarder sends
// it on when due, re-delaying waits longer than 15 minutes as often as needed.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Clock } from '../core/clock.ts';
import { DELAY_QUEUE } from '../queue/queue-definitions.ts';
import type { OutgoingMessage, WorkQueue } from '../queue/work-queue.ts';
import { deduplicationId, messageGroupId, type WorkMessage } from './work-key.ts';

export interface DelayedKey {
  queue: string;
  key: string;
  /** Epoch milliseconds at which the key is due. */
  dueAt: number;
}

const MAX_SQS_DELAY_SECONDS = 900;

export function requeueMessage(queue: string, key: string, dueAt: number, now: number): OutgoingMessage {
  const body: DelayedKey = { queue, key, dueAt };
  return { body: JSON.stringify(body), delaySeconds: delayFor(dueAt - now) };
}

function delayFor(remainingMs: number): number {
  return Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil(remainingMs / 1000)));
}

/** The message a due key becomes on its consumer's FIFO queue. */
export function dueMessage(d: DelayedKey): OutgoingMessage {
  const body: WorkMessage = { key: d.key, cause: 'requeue' };
  return { body: JSON.stringify(body), groupId: messageGroupId(d.key), deduplicationId: deduplicationId(d.key, `requeue@${d.dueAt}`) };
}

/** The delay queue's consumer: forward what is due, delay again what is not. */
export function createDelayForwarder(deps: { queue: WorkQueue; clock: Clock }) {
  return async function forward(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      let d: DelayedKey;
      try {
        d = JSON.parse(record.body) as DelayedKey;
      } catch {
        continue; // a malformed delay message can never become valid: drop it
      }
      const now = deps.clock.now().getTime();
      const msg = d.dueAt - now > 1000 ? requeueMessage(d.queue, d.key, d.dueAt, now) : dueMessage(d);
      const target = d.dueAt - now > 1000 ? DELAY_QUEUE : d.queue;
      try {
        const res = await deps.queue.sendBatch(target, [msg]);
        if (res.failedIndexes.length) failures.push({ itemIdentifier: record.messageId });
      } catch {
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}
