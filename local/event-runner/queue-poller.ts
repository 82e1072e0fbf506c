// Plays the part of Lambda's SQS event source mapping: receives up to 10 messages, hands
// them to the same handler Lambda invokes as a real-shaped SQS event, and deletes only
// the messages not reported in batchItemFailures (those come back after their visibility
// timeout, which the handler has set to its backoff).
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../../lib/pipeline/queue-handler.ts';
import { Loop } from './loop.ts';

export interface QueuePollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  log: Logger;
  /** Long-poll wait; also bounds how long stop() waits. */
  waitSeconds?: number;
  /** Pause after an empty receive (default none: the long poll already waited). */
  idleMs?: number;
}

export function startQueuePoller(opts: QueuePollerOptions): Loop {
  const arn = `arn:aws:sqs:us-east-1:000000000000:${opts.queueUrl.split('/').at(-1)}`;
  const tick = async (): Promise<boolean> => {
    const res = await opts.sqs.send(new ReceiveMessageCommand({
      QueueUrl: opts.queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: opts.waitSeconds ?? 1,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }));
    const messages = res.Messages ?? [];
    if (!messages.length) return false;
    const result = await opts.handler({ Records: messages.map((m) => sqsRecord(m, arn)) });
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length) {
      await opts.sqs.send(new DeleteMessageBatchCommand({
        QueueUrl: opts.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }));
    }
    return true;
  };
  // Long polling already waits when the queue is empty; a queue's extra pollers also pause,
  // so an idle cluster makes one receive per queue per wait, not one per poller.
  return new Loop(`queue poller ${arn}`, tick, opts.idleMs ?? 0, opts.log);
}

function sqsRecord(m: Message, arn: string): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a['ApproximateReceiveCount'] ?? '1',
      SentTimestamp: a['SentTimestamp'] ?? '',
      SenderId: a['SenderId'] ?? '',
      ApproximateFirstReceiveTimestamp: a['ApproximateFirstReceiveTimestamp'] ?? '',
      MessageGroupId: a['MessageGroupId'],
      MessageDeduplicationId: a['MessageDeduplicationId'],
      SequenceNumber: a['SequenceNumber'],
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: 'us-east-1',
  };
}
