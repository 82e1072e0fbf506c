// Container output in the objects table, under partitions of its own:
//   pk  @podlog#<namespace>/<pod>/<container>
//   sk  <pod uid>#<instance, 6 digits>#<chunk seq, 10 digits>
//   text (S), expiresAt (N: DynamoDB TTL, default 24 h after the write — log rotation)
// One instance's output is one begins_with Query in order. The first attribute of a pod
// log partition is "@", which no resource partition ("o#…") or stream consumer uses.
// Chunks are conditional puts, so a resend of the same chunk is a harmless duplicate.
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../core/clock.ts';
import { selectLog, type LogReadOptions, type PodLogRef, type PodLogStore } from './pod-log-store.ts';

export interface DynamoPodLogsOptions {
  client: DynamoDBClient;
  tableName: string;
  clock: Clock;
  /** How long a chunk is kept (default 24 h). */
  retentionSeconds?: number;
}

export function podLogPartition(ref: Pick<PodLogRef, 'namespace' | 'pod' | 'container'>): string {
  return `@podlog#${ref.namespace}/${ref.pod}/${ref.container}`;
}

export function podLogSortPrefix(ref: Pick<PodLogRef, 'uid' | 'instance'>): string {
  return `${ref.uid}#${String(ref.instance).padStart(6, '0')}#`;
}

export class DynamoPodLogStore implements PodLogStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly opts: DynamoPodLogsOptions) {
    this.doc = DynamoDBDocumentClient.from(opts.client);
  }

  async append(ref: PodLogRef, seq: number, text: string): Promise<'created' | 'duplicate'> {
    const expiresAt = Math.floor(this.opts.clock.now().getTime() / 1000) + (this.opts.retentionSeconds ?? 86_400);
    try {
      await this.doc.send(new PutCommand({
        TableName: this.opts.tableName,
        Item: { pk: podLogPartition(ref), sk: `${podLogSortPrefix(ref)}${String(seq).padStart(10, '0')}`, text, expiresAt },
        ConditionExpression: 'attribute_not_exists(sk)',
      }));
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'duplicate';
      throw err;
    }
  }

  async read(ref: PodLogRef, opts: LogReadOptions = {}): Promise<string> {
    // Reading backwards when only the tail is wanted: stop once it holds enough lines.
    const backwards = opts.tailLines !== undefined;
    const chunks: string[] = [];
    let newlines = 0;
    let bytes = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({
        TableName: this.opts.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': podLogPartition(ref), ':prefix': podLogSortPrefix(ref) },
        ScanIndexForward: !backwards,
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) {
        const text = String(item['text'] ?? '');
        chunks.push(text);
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
        bytes += Buffer.byteLength(text);
      }
      start = page.LastEvaluatedKey;
      if (backwards && newlines > opts.tailLines!) break;
      if (!backwards && opts.limitBytes !== undefined && bytes >= opts.limitBytes) break;
    } while (start);
    if (backwards) chunks.reverse();
    return selectLog(chunks.join(''), opts);
  }
}
