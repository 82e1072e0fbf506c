// Where the local stream poller remembers how far it read each shard: in the objects table,
// so a restart resumes after the last fanned-out record instead of losing or replaying all.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

const CHECKPOINT_PK = '@checkpoint';

/** A stream record of one of our own checkpoint writes (the checkpoints live in the table). */
export function isCheckpointRecord(r: { dynamodb?: { Keys?: Record<string, { S?: string }> } }): boolean {
  return r.dynamodb?.Keys?.['pk']?.S === CHECKPOINT_PK;
}

export interface ShardCheckpoint {
  /** The last sequence number handed to the fanout successfully. */
  sequenceNumber?: string;
  /** The shard is closed and was read to its end. */
  done?: boolean;
}

export class Checkpoints {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async get(shardId: string): Promise<ShardCheckpoint> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: CHECKPOINT_PK, sk: shardId }, ConsistentRead: true }));
    return (res.Item?.['checkpoint'] as ShardCheckpoint | undefined) ?? {};
  }

  async put(shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: CHECKPOINT_PK, sk: shardId, checkpoint } }));
  }
}
