// Bearer token records in the objects table, under their own partition: only hashes are
// stored, keyed by the token's public id so a lookup is one GetItem. The same store
// serves a local cluster and a deployed one.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TokenLookup } from '../auth/authenticator.ts';
import type { TokenRecord } from '../auth/tokens.ts';

export interface TokenStore extends TokenLookup {
  saveToken(record: TokenRecord): Promise<void>;
}

const TOKEN_PARTITION = '@token';

export class DynamoTokenStore implements TokenStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async findToken(id: string): Promise<TokenRecord | undefined> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: TOKEN_PARTITION, sk: id }, ConsistentRead: true }));
    return res.Item ? (JSON.parse(res.Item['record'] as string) as TokenRecord) : undefined;
  }

  async saveToken(record: TokenRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: TOKEN_PARTITION, sk: record.id, record: JSON.stringify(record) } }));
  }
}

/** For unit tests only; test/contract runs the same cases against both. */
export class MemoryTokenStore implements TokenStore {
  private readonly records = new Map<string, string>();

  async findToken(id: string): Promise<TokenRecord | undefined> {
    const json = this.records.get(id);
    return json ? (JSON.parse(json) as TokenRecord) : undefined;
  }

  async saveToken(record: TokenRecord): Promise<void> {
    this.records.set(record.id, JSON.stringify(record));
  }
}
