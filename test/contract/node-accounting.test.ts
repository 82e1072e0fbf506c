import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoNodeAccounting } from '../../lib/storage/dynamo-node-accounting.ts';
import { CapacityExceededError } from '../../lib/storage/node-accounting.ts';
import { MemoryNodeAccounting } from '../../lib/storage/memory-node-accounting.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { describe, expect, inject, it } from 'vitest';
import { freshDynamoStore } from '../support/dynamo.ts';
import { bound, nodeAccountingContract, pendingPod } from './node-accounting-contract.ts';

const PODS = { group: '', resource: 'pods' };

nodeAccountingContract('in-memory', async () => {
  const store = new MemoryStore({ clock: systemClock, ids: randomIds });
  return { store, accounting: new MemoryNodeAccounting(store) };
});

nodeAccountingContract('DynamoDB Local', async () => {
  const store = await freshDynamoStore();
  return { store, accounting: new DynamoNodeAccounting(localDynamoClient(inject('dynamodbEndpoint')), store.tableName, store) };
});

const CHARGE = { milliCpu: 100n, memory: 1024n, hostPorts: [] };

describe('DynamoNodeAccounting on DynamoDB Local', () => {
  /** The DynamoDB operations a client sends, by name, counted by SDK middleware. */
  function countOps(client: ReturnType<typeof localDynamoClient>): string[] {
    const ops: string[] = [];
    client.middlewareStack.add((next, context) => async (args) => {
      ops.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    }, { step: 'initialize', name: 'countOps' });
    return ops;
  }

  it('binds with the transaction alone, even to a node no one has bound to', async () => {
    const store = await freshDynamoStore();
    const client = localDynamoClient(inject('dynamodbEndpoint'));
    const ops = countOps(client);
    const accounting = new DynamoNodeAccounting(client, store.tableName, store);
    const a = await pendingPod(store, 'a');
    await accounting.bind(PODS, bound(a, 'n1'), 'n1', CHARGE, undefined, a);
    const b = await pendingPod(store, 'b');
    await accounting.bind(PODS, bound(b, 'n1'), 'n1', CHARGE, undefined, b);
    // The transaction goes through the store's own client; nothing else is asked.
    expect(ops).toEqual([]);
    expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 200n, pods: 2 });
    expect(Object.keys((await accounting.usage('n1')).charges).sort()).toEqual([a.metadata.uid, b.metadata.uid].sort());
  });

  it('reads, refuses and returns the charges of an item written with a charges map', async () => {
    const store = await freshDynamoStore();
    const client = localDynamoClient(inject('dynamodbEndpoint'));
    const accounting = new DynamoNodeAccounting(client, store.tableName, store);
    const old = await pendingPod(store, 'old');
    // The earlier layout: every charge an entry of one map.
    await DynamoDBDocumentClient.from(client).send(new PutCommand({
      TableName: store.tableName,
      Item: { pk: '@alloc', sk: 'n1', milliCpu: 100, memory: 1024, pods: 1, charges: { [old.metadata.uid!]: '100|1024' } },
    }));
    expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 100n, pods: 1, charges: { [old.metadata.uid!]: { milliCpu: 100n, memory: 1024n, hostPorts: [] } } });
    expect((await accounting.usageAll()).get('n1')?.pods).toBe(1);
    // Charged once already: a second charge of the same pod is refused.
    await expect(accounting.bind(PODS, bound(old, 'n1'), 'n1', CHARGE, undefined, old)).rejects.toThrow(CapacityExceededError);
    const fresh = await pendingPod(store, 'fresh');
    await accounting.bind(PODS, bound(fresh, 'n1'), 'n1', CHARGE, undefined, fresh);
    expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 200n, pods: 2 });
    expect(await accounting.release('n1', old.metadata.uid!)).toBe(true);
    expect(await accounting.release('n1', old.metadata.uid!)).toBe(false);
    expect(await accounting.release('n1', fresh.metadata.uid!)).toBe(true);
    expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 0n, memory: 0n, pods: 0, charges: {} });
  });
});
