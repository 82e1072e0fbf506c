// The same contract against DynamoDB Local over a real connection.
import { describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { freshDynamoStore } from '../support/dynamo.ts';
import { objectStoreContract } from './object-store-contract.ts';
import { objectTtlContract } from './object-ttl-contract.ts';

objectStoreContract('DynamoDB Local', freshDynamoStore);
objectTtlContract('DynamoDB Local', (clock) => freshDynamoStore({ clock }));

describe('DynamoStore revisions', () => {
  it('concurrent writers in one process share requests to the revision counter', async () => {
    const client = localDynamoClient(inject('dynamodbEndpoint'));
    const store = await freshDynamoStore({ client });
    let counterRequests = 0;
    // Count the UpdateItems on the counter item.
    client.middlewareStack.add((next, context) => async (args) => {
      const key = (args.input as { Key?: { pk?: unknown } }).Key;
      if (context.commandName === 'UpdateItemCommand' && JSON.stringify(key).includes('@meta')) counterRequests++;
      return next(args);
    }, { step: 'initialize', name: 'countCounter' });
    const configmaps = { group: '', resource: 'configmaps' };
    const made = await Promise.all(Array.from({ length: 16 }, (_, i) => store.create(configmaps, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' }, data: { k: 'v' },
    })));
    expect(new Set(made.map((o) => o.metadata.resourceVersion)).size).toBe(16);
    expect(counterRequests).toBeGreaterThan(0);
    expect(counterRequests).toBeLessThan(16);
  });
});
