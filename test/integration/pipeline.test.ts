// The event pipeline end to end on DynamoDB Local and the SQS emulator: store write →
// stream → fanout → FIFO queue → reconciler, with the local runner playing Lambda.
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { inject } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { localStreamsClient } from '../../local/aws-clients.ts';
import { createFanoutHandler } from '../../lib/pipeline/fanout-handler.ts';
import { routeChange } from '../../lib/pipeline/fanout-routes.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';
import { encodeKey, type WorkKey } from '../../lib/pipeline/work-key.ts';
import { MAX_RECEIVE_COUNT } from '../../lib/queue/queue-definitions.ts';
import { SqsWorkQueue } from '../../lib/queue/sqs-work-queue.ts';
import type { KubeObject } from '../../lib/storage/object-store.ts';
import { eventually, pipelineFixture, replicaSet } from '../support/pipeline.ts';

const RS = { group: 'apps', resource: 'replicasets' };
type Fixture = Awaited<ReturnType<typeof pipelineFixture>>;
let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/** A replicaset consumer that records every reconcile with the revision it read. */
function recorder(store: Fixture['store'], opts: { delayMs?: number; fail?: boolean } = {}) {
  const seen: { key: string; rv: string | undefined }[] = [];
  const active = new Map<string, number>();
  let maxActive = 0;
  const reconciler: Reconciler = {
    name: 'replicaset',
    async reconcile(key: WorkKey) {
      const k = encodeKey(key);
      active.set(k, (active.get(k) ?? 0) + 1);
      maxActive = Math.max(maxActive, active.get(k)!);
      try {
        if (opts.fail) throw new Error('always fails');
        let obj: KubeObject | undefined;
        try {
          obj = await store.get({ resource: RS, namespace: key.namespace, name: key.name });
        } catch {
          obj = undefined;
        }
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        seen.push({ key: k, rv: obj?.metadata.resourceVersion });
      } finally {
        active.set(k, active.get(k)! - 1);
      }
    },
  };
  return { reconciler, seen, maxActive: () => maxActive };
}

describe('event pipeline', () => {
  it('delivers a committed change to its consumer', async () => {
    fx = await pipelineFixture();
    const rec = recorder(fx.store);
    fx.run([rec.reconciler]);
    const created = await fx.store.create(RS, replicaSet('web'));
    await eventually('the replicaset consumer to see web', () => rec.seen.some((s) => s.key === 'apps/replicasets/default/web' && s.rv === created.metadata.resourceVersion));
  });

  it('reconciles five quick updates of one key in order, never two at once', async () => {
    fx = await pipelineFixture();
    const rec = recorder(fx.store, { delayMs: 30 });
    fx.run([rec.reconciler]);
    let obj = await fx.store.create(RS, replicaSet('web'));
    for (let i = 2; i <= 6; i++) obj = await fx.store.update(RS, { ...obj, spec: { ...(obj['spec'] as object), replicas: i } });
    const finalRv = obj.metadata.resourceVersion;
    await eventually('the final revision to be reconciled', () => rec.seen.some((s) => s.rv === finalRv));
    expect(rec.maxActive()).toBe(1);
    const revisions = rec.seen.map((s) => BigInt(s.rv!));
    expect([...revisions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(revisions);
  });

  it('has no double effect when a stream batch is replayed', async () => {
    fx = await pipelineFixture();
    await fx.store.create(RS, replicaSet('once'));
    const records = await readWholeStream(fx.tableName);
    expect(records.length).toBeGreaterThan(0);
    const handler = createFanoutHandler({ queue: new SqsWorkQueue(fx.sqs, fx.queueUrls), route: routeChange, log: () => undefined });
    expect((await handler({ Records: records })).batchItemFailures).toEqual([]);
    expect((await handler({ Records: records })).batchItemFailures).toEqual([]);
    const bodies: string[] = [];
    await eventually('the queue to be drained', async () => {
      const res = await fx!.sqs.send(new ReceiveMessageCommand({ QueueUrl: fx!.queueUrls['replicaset'], MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
      bodies.push(...(res.Messages ?? []).map((m) => m.Body!));
      return bodies.length > 0 && !(res.Messages ?? []).length;
    });
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ key: 'apps/replicasets/default/once', cause: 'change' });
  });

  it('moves a key whose reconcile always fails to the dead-letter queue, and counts it', async () => {
    fx = await pipelineFixture();
    const rec = recorder(fx.store, { fail: true });
    fx.run([rec.reconciler], { handlerOptions: { backoff: { baseSeconds: 0, capSeconds: 0 } } });
    await fx.store.create(RS, replicaSet('doomed'));
    const dlq = await fx.dlqUrl('replicaset');
    const dead: string[] = [];
    await eventually('the message to reach the DLQ', async () => {
      const res = await fx!.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      dead.push(...(res.Messages ?? []).map((m) => m.Body!));
      return dead.length > 0;
    });
    expect(JSON.parse(dead[0]!)).toMatchObject({ key: 'apps/replicasets/default/doomed' });
    const counts = (await fx.metrics.snapshot())['replicaset']!;
    expect(counts.retried).toBe(MAX_RECEIVE_COUNT - 1);
    expect(counts.deadLettered).toBe(1);
    expect(counts.processed ?? 0).toBe(0);
  });

  it('reconciles a key again after its requeue-after, through the delay queue', async () => {
    fx = await pipelineFixture();
    const calls: number[] = [];
    fx.run([{ name: 'replicaset', async reconcile() { calls.push(Date.now()); return calls.length === 1 ? { requeueAfterMs: 1500 } : {}; } }]);
    await fx.store.create(RS, replicaSet('later'));
    await eventually('the requeued reconcile', () => calls.length >= 2);
    expect((await fx.metrics.snapshot())['replicaset']).toMatchObject({ requeued: 1 });
  });

  it('loses nothing when the runner stops mid-stream and a new one starts', async () => {
    fx = await pipelineFixture();
    const first = recorder(fx.store, { delayMs: 200 });
    const runner = fx.run([first.reconciler]);
    const finals = new Map<string, string>();
    for (let i = 0; i < 25; i++) {
      const o = await fx.store.create(RS, replicaSet(`rs-${i}`));
      finals.set(`apps/replicasets/default/rs-${i}`, o.metadata.resourceVersion!);
    }
    await eventually('some work to happen before the stop', () => first.seen.length > 0);
    await runner.stop();
    expect(new Set(first.seen.map((s) => s.key)).size).toBeLessThan(25);

    const second = recorder(fx.store);
    fx.run([second.reconciler]);
    const converged = () => [...finals].every(([k, rv]) => [...first.seen, ...second.seen].some((s) => s.key === k && s.rv === rv));
    await eventually('every object to converge after the restart', converged);
  });

  it('repairs a lost message with a resync', async () => {
    fx = await pipelineFixture();
    // The change is committed and fanned out while no replicaset consumer runs, so its
    // message is never sent and the stream is checkpointed past it: a lost message.
    const blind = fx.run([]);
    await fx.store.create(RS, replicaSet('lost'));
    await eventually('the stream poller to pass the change', () => fx!.logs.some((l) => l['msg'] === 'fanout' && Number(l['records']) > 0));
    await blind.stop();

    const rec = recorder(fx.store);
    const runner = fx.run([rec.reconciler]);
    expect(await runner.resyncNow()).toEqual({ replicaset: 1 });
    await eventually('the resync to deliver the lost key', () => rec.seen.some((s) => s.key === 'apps/replicasets/default/lost'));
  });
});

/** Every record on the table's stream, shaped as Lambda delivers them. */
async function readWholeStream(tableName: string): Promise<DynamoDBRecord[]> {
  const endpoint = inject('dynamodbEndpoint');
  const streams = localStreamsClient(endpoint);
  const { localDynamoClient } = await import('../../local/aws-clients.ts');
  const dynamo = localDynamoClient(endpoint);
  const arn = (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table!.LatestStreamArn!;
  const out: DynamoDBRecord[] = [];
  for (const shard of (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!) {
    let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (let i = 0; it && i < 5; i++) {
      const res = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const r of res.Records ?? []) {
        out.push({ eventID: r.eventID, eventName: r.eventName as DynamoDBRecord['eventName'], dynamodb: { ...r.dynamodb, ApproximateCreationDateTime: undefined } as DynamoDBRecord['dynamodb'] });
      }
      if (!(res.Records ?? []).length) break;
      it = res.NextShardIterator;
    }
  }
  dynamo.destroy();
  streams.destroy();
  return out;
}
