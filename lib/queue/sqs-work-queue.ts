// WorkQueue on SQS (AWS, LocalStack, or the local emulator): one SendMessageBatch per
// batch, queue names resolved to URLs once at construction.
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OutgoingMessage, WorkQueue } from './work-queue.ts';

export class SqsWorkQueue implements WorkQueue {
  constructor(private readonly client: SQSClient, private readonly urls: Readonly<Record<string, string>>) {}

  async sendBatch(queue: string, messages: OutgoingMessage[]): Promise<{ failedIndexes: number[] }> {
    const res = await this.client.send(new SendMessageBatchCommand({
      QueueUrl: this.url(queue),
      Entries: messages.map((m, i) => ({
        Id: String(i),
        MessageBody: m.body,
        MessageGroupId: m.groupId,
        MessageDeduplicationId: m.deduplicationId,
        DelaySeconds: m.delaySeconds,
      })),
    }));
    return { failedIndexes: (res.Failed ?? []).map((f) => Number(f.Id)) };
  }

  async changeVisibility(queue: string, receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.url(queue), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  }

  private url(queue: string): string {
    const url = this.urls[queue];
    if (!url) throw new Error(`no queue named "${queue}" is configured`);
    return url;
  }
}
