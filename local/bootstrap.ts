// Creates the table and the queues from the shared definitions in lib/, idempotently:
// a restart on the same home finds the table already there.
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DELAY_QUEUE, MAX_RECEIVE_COUNT, deadLetterQueueName, delayQueueName, queueName, workQueues } from '../lib/queue/queue-definitions.ts';
import { changesTable, changesTableName, createTableInput } from '../lib/storage/table-definition.ts';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await ensureOne(client, tableName, createTableInput(tableName));
  await ensureOne(client, changesTableName(tableName), createTableInput(changesTableName(tableName), changesTable));
}

async function ensureOne(client: DynamoDBClient, tableName: string, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await client.send(new CreateTableCommand(input));
}

/** Returns the queue URL of every work queue by consumer name, and of the delay queue. */
export async function ensureQueues(sqs: SQSClient, prefix: string): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  const delay = await sqs.send(new CreateQueueCommand({ QueueName: delayQueueName(prefix) }));
  urls[DELAY_QUEUE] = delay.QueueUrl!;
  for (const def of workQueues) {
    const dlq = await sqs.send(new CreateQueueCommand({
      QueueName: deadLetterQueueName(prefix, def),
      Attributes: { FifoQueue: 'true', MessageRetentionPeriod: String(14 * 24 * 3600) },
    }));
    const dlqArn = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const queue = await sqs.send(new CreateQueueCommand({
      QueueName: queueName(prefix, def),
      Attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: String(def.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn.Attributes?.['QueueArn'], maxReceiveCount: MAX_RECEIVE_COUNT }),
      },
    }));
    urls[def.name] = queue.QueueUrl!;
  }
  return urls;
}
