// Queue counters as one item per queue in the objects table (pk "@metrics", sk queue).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OUTCOMES, type OutcomeCounts, type QueueMetrics } from '../observability/queue-metrics.ts';

const METRICS_PARTITION = '@metrics';

export class DynamoQueueMetrics implements QueueMetrics {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async record(queue: string, counts: OutcomeCounts): Promise<void> {
    const present = OUTCOMES.filter((o) => counts[o]);
    if (!present.length) return;
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: { pk: METRICS_PARTITION, sk: queue },
      UpdateExpression: `ADD ${present.map((o) => `#${o} :${o}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(present.map((o) => [`#${o}`, o])),
      ExpressionAttributeValues: Object.fromEntries(present.map((o) => [`:${o}`, counts[o]])),
    }));
  }

  async snapshot(): Promise<Record<string, OutcomeCounts>> {
    const out: Record<string, OutcomeCounts> = {};
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({
        TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': METRICS_PARTITION },
        ConsistentRead: true, ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) {
        out[item['sk'] as string] = Object.fromEntries(OUTCOMES.map((o) => [o, Number(item[o] ?? 0)]));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
