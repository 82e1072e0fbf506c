// The revision counter: one item (@meta / revision) whose value is the newest revision
// handed out. Every write adds to it (through RevisionAllocator, which shares requests);
// lists read it for their resourceVersion.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REVISION_KEY } from './item-keys.ts';

export class DynamoRevisionCounter {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  async read(): Promise<bigint> {
    const res = await this.doc.send(new GetCommand({ TableName: this.table, Key: REVISION_KEY, ConsistentRead: true }));
    return BigInt((res.Item?.['value'] as number | undefined) ?? 0);
  }

  /** Adds `count` and returns the new value: the last of `count` revisions now taken. */
  async add(count: number): Promise<bigint> {
    const res = await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: REVISION_KEY,
      UpdateExpression: 'ADD #v :n',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':n': count },
      ReturnValues: 'UPDATED_NEW',
    }));
    return BigInt(res.Attributes!['value'] as number);
  }
}
