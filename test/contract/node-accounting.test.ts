import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { DynamoNodeAccounting } from '../../lib/storage/dynamo-node-accounting.ts';
import { MemoryNodeAccounting } from '../../lib/storage/memory-node-accounting.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { inject } from 'vitest';
import { freshDynamoStore } from '../support/dynamo.ts';
import { nodeAccountingContract } from './node-accounting-contract.ts';

nodeAccountingContract('in-memory', async () => {
  const store = new MemoryStore({ clock: systemClock, ids: randomIds });
  return { store, accounting: new MemoryNodeAccounting(store) };
});

nodeAccountingContract('DynamoDB Local', async () => {
  const store = await freshDynamoStore();
  return { store, accounting: new DynamoNodeAccounting(localDynamoClient(inject('dynamodbEndpoint')), store.tableName, store) };
});
