import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { DynamoNodeAccounting } from '../../lib/storage/dynamo-node-accounting.ts';
import { MemoryNodeAccounting } from '../../lib/storage/memory-node-accounting.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { describe, expect, inject, it } from 'vitest';
import { freshDynamoStore } from '../support/dynamo.ts';
import { nodeAccountingContract } from './node-accounting-contract.ts';

const PODS = { group: '', resource: 'pods' };

nodeAccountingContract('in-memory', async () => {
  const store = new MemoryStore({ clock: systemClock, ids: randomIds });
  return { store, accounting: new MemoryNodeAccounting(store) };
});

nodeAccountingContract('DynamoDB Local', async () => {
  const store = await freshDynamoStore();
  return { store, accounting: new DynamoNodeAccounting(localDynamoClient(inject('dynamodbEndpoint')), store.tableName, store) };
});

describe('DynamoNodeAccounting requests', () => {
  /** The DynamoDB operations a client sends, by name, counted by SDK middleware. */
  function countOps(client: ReturnType<typeof localDynamoClient>): string[] {
    const ops: string[] = [];
    client.middlewareStack.add((next, context) => async (args) => {
      ops.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    }, { step: 'initialize', name: 'countOps' });
    return ops;
  }

  it('a new instance that has read a node\'s item binds to it with the transaction alone', async () => {
    const store = await freshDynamoStore();
    const first = new DynamoNodeAccounting(localDynamoClient(inject('dynamodbEndpoint')), store.tableName, store);
    const pod = (name: string) => store.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const bound = (p: Awaited<ReturnType<typeof pod>>) => ({ ...p, spec: { ...(p['spec'] as object), nodeName: 'n1' } });
    const charge = { milliCpu: 100n, memory: 1024n, hostPorts: [] };
    const a = await pod('a');
    await first.bind(PODS, bound(a), 'n1', charge);

    const client = localDynamoClient(inject('dynamodbEndpoint'));
    const ops = countOps(client);
    const second = new DynamoNodeAccounting(client, store.tableName, store);
    expect([...(await second.usageAll()).keys()]).toEqual(['n1']);
    const b = await pod('b');
    ops.length = 0;
    await second.bind(PODS, bound(b), 'n1', charge, undefined, b);
    expect(ops).toEqual([]);
    expect((await second.usage('n1')).pods).toBe(2);

    // A node it has not read still gets its item made first (the nested SET needs the map).
    const c = await pod('c');
    const onN2 = { ...c, spec: { ...(c['spec'] as object), nodeName: 'n2' } };
    ops.length = 0;
    await second.bind(PODS, onN2, 'n2', charge, undefined, c);
    expect(ops).toEqual(['UpdateItem']);
    expect((await second.usage('n2')).pods).toBe(1);
  });
});
