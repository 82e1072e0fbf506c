// The store's ceiling: raw conditional creates, conditional updates and two-item
// transactions against the DynamoDB Local a fresh `skiff up` started, with the client
// settings skiff uses (local/aws-clients.ts), on a table of the same definition.
import { PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { ensureTable } from '../../local/bootstrap.ts';
import { runLoad } from '../lib/load.ts';
import type { Scenario } from '../lib/results.ts';
import { skiffUp } from '../lib/skiff-process.ts';
import { rate } from '../lib/stats.ts';

const TABLE = 'skiff-bench-store';
const CONCURRENCY = 8;
const OBJ = JSON.stringify({ metadata: { name: 'x', namespace: 'bench' }, data: { k: 'v'.repeat(200) } });

export const storeScenario: Scenario = {
  name: 'store',
  async run({ quick, log }) {
    const skiff = await skiffUp(['--nodes', '0']);
    const dynamo = localDynamoClient(skiff.dynamodbEndpoint);
    try {
      await ensureTable(dynamo, TABLE);
      const count = quick ? 200 : 2000;
      const maxMs = quick ? 3000 : 8000;
      // A fresh JVM is slow until it has compiled its hot paths: warm it up, unmeasured.
      await runLoad({ concurrency: CONCURRENCY, count: 1_000_000, maxMs: quick ? 1000 : 3000, op: (i) => dynamo.send(new PutItemCommand({
        TableName: TABLE, Item: { pk: { S: '@warmup' }, sk: { S: String(i) }, obj: { S: OBJ } },
      })).then(() => undefined) });
      const rv = new Map<number, number>();
      const creates = await runLoad({
        concurrency: CONCURRENCY, count, maxMs, op: async (i) => {
          await dynamo.send(new PutItemCommand({
            TableName: TABLE, Item: { pk: { S: 'o#/configmaps' }, sk: { S: `bench/c-${i}` }, rv: { N: '1' }, obj: { S: OBJ } },
            ConditionExpression: 'attribute_not_exists(pk) OR deleted = :true', ExpressionAttributeValues: { ':true': { BOOL: true } },
          }));
          rv.set(i, 1);
        },
      });
      const ids = [...rv.keys()];
      const updates = await runLoad({
        concurrency: CONCURRENCY, count, maxMs, op: async (n) => {
          // Each worker's n walks the created items; the expected rv makes it conditional.
          const i = ids[n % ids.length]!;
          const expected = rv.get(i)!;
          rv.set(i, expected + 1);
          await dynamo.send(new UpdateItemCommand({
            TableName: TABLE, Key: { pk: { S: 'o#/configmaps' }, sk: { S: `bench/c-${i}` } },
            UpdateExpression: 'SET rv = :next, obj = :obj', ConditionExpression: 'rv = :expected AND attribute_not_exists(deleted)',
            ExpressionAttributeValues: { ':next': { N: String(expected + 1) }, ':expected': { N: String(expected) }, ':obj': { S: OBJ } },
          }));
        },
      });
      // A bind's shape: a conditional put of one item and a conditional ADD on another.
      const txns = await runLoad({
        concurrency: CONCURRENCY, count, maxMs, op: async (i, w) => {
          await dynamo.send(new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { pk: { S: 'o#/pods' }, sk: { S: `bench/p-${i}` }, rv: { N: '1' }, obj: { S: OBJ } }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Update: { TableName: TABLE, Key: { pk: { S: '@alloc' }, sk: { S: `node-${w}` } }, UpdateExpression: 'ADD pods :one', ConditionExpression: 'attribute_not_exists(pods) OR pods < :max', ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: '1000000' } } } },
            ],
          }));
        },
      });
      for (const [what, r] of [['creates', creates], ['updates', updates], ['transactions', txns]] as const) {
        log(`store ${what}: ${r.latenciesMs.length} in ${Math.round(r.wallMs)} ms${r.errors ? `, ${r.errors} errors (${r.firstError})` : ''}`);
      }
      return {
        store: {
          createsPerSec: rate(creates.latenciesMs.length, creates.wallMs),
          updatesPerSec: rate(updates.latenciesMs.length, updates.wallMs),
          txnPerSec: rate(txns.latenciesMs.length, txns.wallMs),
          concurrency: CONCURRENCY,
        },
      };
    } finally {
      dynamo.destroy();
      await skiff.stop();
    }
  },
};
