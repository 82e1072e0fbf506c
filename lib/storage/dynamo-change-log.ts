// The change log in the objects table: pk "@changes", sk the revision zero-padded to 20
// digits (so string order is revision order), `at` the write time for compaction, and the
// floor in "@meta"/"changes-floor". One partition caps log writes near 1,000/s on AWS —
// the same ceiling as the revision counter (ARCHITECTURE.md, "Key design").
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../core/clock.ts';
import { chunks } from '../core/chunks.ts';
import { eachLimited } from '../core/each-limited.ts';
import type { ChangeEntry, ChangeLog } from './change-log.ts';
import { MAX_OBJECT_BYTES } from './item-keys.ts';
import type { KubeObject } from './object-store.ts';

const PARTITION = '@changes';
const FLOOR_KEY = { pk: '@meta', sk: 'changes-floor' };
const BATCH = 25;
const PARALLEL_BATCHES = 4;

interface Row {
  pk: string;
  sk: string;
  type: ChangeEntry['type'];
  at: number;
  resource?: string;
  namespace?: string;
  obj?: string;
  old?: string;
  expiresAt: number;
}

export function revisionKey(revision: bigint): string {
  return revision.toString().padStart(20, '0');
}

export class DynamoChangeLog implements ChangeLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly clock: Clock, private readonly retentionSeconds = 3600) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async append(entries: ChangeEntry[]): Promise<void> {
    const now = this.clock.now().getTime();
    // Within one batch a revision may repeat (a replayed record): keep the last.
    const rows = [...new Map(entries.map((e) => [e.revision, this.row(e, now)])).values()];
    // Entries are keyed by revision, so batches may land in any order.
    await eachLimited(chunks(rows, BATCH), PARALLEL_BATCHES, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt >= 5) throw new Error(`change log write left ${pending.length} entries unprocessed`);
        const res = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (res.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    });
  }

  async readAfter(after: bigint, limit: number): Promise<ChangeEntry[]> {
    const res = await this.doc.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': PARTITION, ':after': revisionKey(after) },
      Limit: limit,
      ConsistentRead: true,
    }));
    return (res.Items ?? []).map((i) => fromRow(i as Row));
  }

  async floor(): Promise<bigint> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: FLOOR_KEY, ConsistentRead: true }));
    return BigInt((res.Item?.['value'] as string | undefined) ?? '0');
  }

  async compact(cutoff: Date): Promise<number> {
    let removed = 0;
    let highest = 0n;
    for (;;) {
      const res = await this.doc.send(new QueryCommand({
        TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PARTITION },
        ProjectionExpression: 'sk, #at', ExpressionAttributeNames: { '#at': 'at' }, Limit: BATCH, ConsistentRead: true,
      }));
      const old = (res.Items ?? []).filter((i) => (i['at'] as number) < cutoff.getTime());
      if (!old.length) break;
      await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: old.map((i) => ({ DeleteRequest: { Key: { pk: PARTITION, sk: i['sk'] } } })) } }));
      removed += old.length;
      highest = BigInt(old.at(-1)!['sk'] as string);
      if (old.length < (res.Items ?? []).length) break;
    }
    if (removed) {
      await this.doc.send(new UpdateCommand({
        TableName: this.tableName, Key: FLOOR_KEY,
        UpdateExpression: 'SET #v = :v', ConditionExpression: 'attribute_not_exists(#v) OR #v < :v',
        ExpressionAttributeNames: { '#v': 'value' }, ExpressionAttributeValues: { ':v': revisionKey(highest) },
      })).catch(() => undefined); // another compactor got further: fine
    }
    return removed;
  }

  private row(e: ChangeEntry, now: number): Row {
    const row: Row = { pk: PARTITION, sk: revisionKey(e.revision), type: e.type, at: now, expiresAt: Math.floor(now / 1000) + 2 * this.retentionSeconds };
    if (e.resource) row.resource = e.resource;
    if (e.namespace) row.namespace = e.namespace;
    if (e.object) row.obj = JSON.stringify(e.object);
    // The old state rides along only while the entry stays within one item.
    if (e.old) {
      const old = JSON.stringify(e.old);
      if ((row.obj?.length ?? 0) + old.length < MAX_OBJECT_BYTES) row.old = old;
    }
    return row;
  }
}

function fromRow(r: Row): ChangeEntry {
  const e: ChangeEntry = { revision: BigInt(r.sk), type: r.type };
  if (r.resource) e.resource = r.resource;
  if (r.namespace) e.namespace = r.namespace;
  if (r.obj) e.object = JSON.parse(r.obj) as KubeObject;
  if (r.old) e.old = JSON.parse(r.old) as KubeObject;
  return e;
}
