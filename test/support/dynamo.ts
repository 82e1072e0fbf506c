import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../local/bootstrap.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { randomIds } from '../../lib/core/ids.ts';
import { systemClock, type Clock } from '../../lib/core/clock.ts';
import { DynamoStore } from '../../lib/storage/dynamo-store.ts';

/** A new table on the shared DynamoDB Local, so tests never see each other's objects. */
export async function freshDynamoStore(opts: { clock?: Clock; client?: DynamoDBClient } = {}): Promise<DynamoStore> {
  const client = opts.client ?? localDynamoClient(inject('dynamodbEndpoint'));
  const tableName = `test-${randomBytes(6).toString('hex')}`;
  await ensureTable(client, tableName);
  return new DynamoStore({ client, tableName, clock: opts.clock ?? systemClock, ids: randomIds });
}
