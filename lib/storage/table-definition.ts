// The objects table, described once. The local bootstrap turns this into a CreateTable
// call and the CDK stateful stack into a TableV2, so local and cloud cannot drift.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  indexes: IndexDefinition[];
  /** Every change is fanned out from the stream; consumers need both images. Absent: no stream. */
  streamView?: 'NEW_AND_OLD_IMAGES';
  /** Epoch seconds after which DynamoDB TTL may remove an item (tombstones, events). */
  ttlAttribute: string;
}

export const NODE_INDEX = 'byNode';

export const objectsTable: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [{ name: NODE_INDEX, partitionKey: { name: 'nodeKey', type: 'S' }, sortKey: { name: 'sk', type: 'S' } }],
  streamView: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'expiresAt',
};

/**
 * The change log's own table: no stream and no index. Its writes are the fanout's output;
 * in the objects table they came back on the stream, doubling what the fanout read.
 */
export const changesTable: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAt',
};

/**
 * The change log's table for the objects table `tableName`: a fixed rule (locally and in
 * the CDK stack), so a process needs only TABLE_NAME to find both.
 */
export function changesTableName(tableName: string): string {
  return `${tableName}-changes`;
}

export function createTableInput(tableName: string, def: TableDefinition = objectsTable): CreateTableCommandInput {
  const attrs = new Map<string, KeyAttribute>();
  for (const a of [def.partitionKey, def.sortKey, ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attrs.set(a.name, a);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [...attrs.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    GlobalSecondaryIndexes: def.indexes.length === 0 ? undefined : def.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    ...(def.streamView ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamView } } : {}),
  };
}
