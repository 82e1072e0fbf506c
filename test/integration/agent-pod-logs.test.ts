// The DynamoDB pod log store on DynamoDB Local: the same rules as the in-memory one, plus
// reading a tail backwards across Query pages (a page stops at 1 MB).
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemClock } from '../../lib/core/clock.ts';
import { DynamoPodLogStore } from '../../lib/storage/dynamo-pod-logs.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { ensureTable } from '../../local/bootstrap.ts';

let client: DynamoDBClient;
let store: DynamoPodLogStore;

beforeAll(async () => {
  client = localDynamoClient(inject('dynamodbEndpoint'));
  const tableName = `logs-${randomBytes(6).toString('hex')}`;
  await ensureTable(client, tableName);
  store = new DynamoPodLogStore({ client, tableName, clock: systemClock });
});
afterAll(() => client?.destroy());

const ref = { namespace: 'ns', pod: 'p', uid: 'u1', container: 'c', instance: 0 };

describe('DynamoPodLogStore', () => {
  it('keeps chunks in order per pod uid and run, and ignores resends', async () => {
    expect(await store.append(ref, 1, 'two\n')).toBe('created');
    expect(await store.append(ref, 0, 'one\n')).toBe('created');
    expect(await store.append(ref, 1, 'two again\n')).toBe('duplicate');
    await store.append({ ...ref, instance: 1 }, 0, 'second run\n');
    await store.append({ ...ref, uid: 'u2' }, 0, 'a new pod of the same name\n');
    expect(await store.read(ref)).toBe('one\ntwo\n');
    expect(await store.read({ ...ref, instance: 1 })).toBe('second run\n');
    expect(await store.read({ ...ref, uid: 'u2' })).toBe('a new pod of the same name\n');
    expect(await store.read({ ...ref, instance: 7 })).toBe('');
    expect(await store.read(ref, { tailLines: 1 })).toBe('two\n');
    expect(await store.read(ref, { limitBytes: 5 })).toBe('one\nt');
  });

  it('reads a tail backwards across pages', async () => {
    const big = { ...ref, container: 'big' };
    const line = 'x'.repeat(1023) + '\n';
    for (let seq = 0; seq < 6; seq++) await store.append(big, seq, `chunk ${seq}\n` + line.repeat(250));
    const tail = await store.read(big, { tailLines: 251 });
    expect(tail.startsWith('chunk 5\n')).toBe(true);
    expect(tail.split('\n')).toHaveLength(252);
    const all = await store.read(big);
    expect(all.match(/^chunk \d$/gm)).toEqual(['chunk 0', 'chunk 1', 'chunk 2', 'chunk 3', 'chunk 4', 'chunk 5']);
  });
});
