import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { createFanoutHandler } from '../../../lib/pipeline/fanout-handler.ts';
import { routeChange } from '../../../lib/pipeline/fanout-routes.ts';
import { createDelayForwarder } from '../../../lib/pipeline/requeue.ts';
import { changeFromRecord } from '../../../lib/pipeline/stream-records.ts';
import { decodeKey, deduplicationId, encodeKey, messageGroupId } from '../../../lib/pipeline/work-key.ts';
import { FakeWorkQueue } from '../../support/fake-queue.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function delayRecord(body: unknown): SQSRecord {
  return { messageId: 'm1', receiptHandle: 'r', body: JSON.stringify(body), attributes: {} as SQSRecord['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: '', awsRegion: '' };
}

describe('delay forwarder (requeue-after beyond 15 minutes)', () => {
  it('re-delays a key that is not yet due, capped at 900 s', async () => {
    const queue = new FakeWorkQueue();
    await createDelayForwarder({ queue, clock: { now: () => new Date(T0) } })({ Records: [delayRecord({ queue: 'deployment', key: 'apps/deployments/ns/w', dueAt: T0 + 40 * 60_000 })] });
    expect(queue.sent).toEqual([{ queue: 'delay', message: { body: expect.any(String), delaySeconds: 900 } }]);
  });

  it('forwards a due key to its FIFO queue with a per-round deduplication id', async () => {
    const queue = new FakeWorkQueue();
    const due = { queue: 'deployment', key: 'apps/deployments/ns/w', dueAt: T0 };
    await createDelayForwarder({ queue, clock: { now: () => new Date(T0 + 500) } })({ Records: [delayRecord(due)] });
    expect(queue.sent).toEqual([{
      queue: 'deployment',
      message: { body: JSON.stringify({ key: due.key, cause: 'requeue' }), groupId: due.key, deduplicationId: deduplicationId(due.key, `requeue@${T0}`) },
    }]);
  });

  it('reports a forward that could not be sent, so it is retried', async () => {
    const queue = new FakeWorkQueue();
    queue.failWhen = () => true;
    const res = await createDelayForwarder({ queue, clock: { now: () => new Date(T0) } })({ Records: [delayRecord({ queue: 'deployment', key: 'k/k/k/k', dueAt: T0 })] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });
});

function streamRecord(seq: string, name: string, rv: number, old?: { rv: number; deleted?: boolean }): DynamoDBRecord {
  const item = (r: number, deleted?: boolean) => marshall({
    pk: 'o#apps/replicasets', sk: `default/${name}`, rv: r, ...(deleted ? { deleted: true } : {}),
    obj: JSON.stringify({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', resourceVersion: String(r) } }),
  });
  return {
    eventName: old ? 'MODIFY' : 'INSERT',
    dynamodb: { SequenceNumber: seq, NewImage: item(rv) as never, ...(old ? { OldImage: item(old.rv, old.deleted) as never } : {}) },
  };
}

describe('fanout handler', () => {
  it('sends one message per route with key, revision and ids', async () => {
    const queue = new FakeWorkQueue();
    const res = await createFanoutHandler({ queue, route: routeChange, log: () => undefined })({ Records: [streamRecord('1', 'a', 5), streamRecord('2', 'b', 6)] });
    expect(res.batchItemFailures).toEqual([]);
    const toRs = queue.sent.filter((s) => s.queue === 'replicaset').map((s) => s.message);
    expect(toRs.map((m) => JSON.parse(m.body))).toEqual([
      { key: 'apps/replicasets/default/a', rv: '5', cause: 'change' },
      { key: 'apps/replicasets/default/b', rv: '6', cause: 'change' },
    ]);
    expect(toRs[0]!.groupId).toBe('apps/replicasets/default/a');
    expect(toRs[0]!.deduplicationId).toBe(deduplicationId('apps/replicasets/default/a', '5'));
  });

  it('sends a key once per batch and queue, for its newest change', async () => {
    const queue = new FakeWorkQueue();
    await createFanoutHandler({ queue, route: routeChange, log: () => undefined })({
      Records: [streamRecord('1', 'a', 5), streamRecord('2', 'b', 6), streamRecord('3', 'a', 7, { rv: 5 }), streamRecord('4', 'a', 8, { rv: 7 })],
    });
    const toRs = queue.sent.filter((s) => s.queue === 'replicaset').map((s) => JSON.parse(s.message.body) as { key: string; rv: string });
    expect(toRs.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'apps/replicasets/default/a', rv: '8', cause: 'change' },
      { key: 'apps/replicasets/default/b', rv: '6', cause: 'change' },
    ]);
  });

  it('sends more than ten keys of one queue in batches of at most ten', async () => {
    const queue = new FakeWorkQueue();
    const records = Array.from({ length: 25 }, (_, i) => streamRecord(String(i + 1), `rs-${i}`, i + 10));
    const res = await createFanoutHandler({ queue, route: routeChange, log: () => undefined })({ Records: records });
    expect(res.batchItemFailures).toEqual([]);
    expect(new Set(queue.sent.filter((s) => s.queue === 'replicaset').map((s) => JSON.parse(s.message.body).key)).size).toBe(25);
  });

  it('reports the first record whose messages could not all be sent', async () => {
    const queue = new FakeWorkQueue();
    queue.failWhen = (_q, m) => m.body.includes('"b"') || m.body.includes('/b"');
    const res = await createFanoutHandler({ queue, route: routeChange, log: () => undefined })({
      Records: [streamRecord('1', 'a', 5), streamRecord('2', 'b', 6), streamRecord('3', 'c', 7)],
    });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
  });

  it('retries a coalesced key from its newest change, which the retry resends', async () => {
    const queue = new FakeWorkQueue();
    queue.failWhen = (q, m) => q === 'replicaset' && m.body.includes('/a"');
    const res = await createFanoutHandler({ queue, route: routeChange, log: () => undefined })({
      Records: [streamRecord('1', 'a', 5), streamRecord('2', 'b', 6), streamRecord('3', 'a', 7, { rv: 5 })],
    });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
  });

  it('reads a tombstone as a deletion and ignores non-object items', () => {
    const deleted = streamRecord('9', 'gone', 8, { rv: 7 });
    const tomb = marshall({ pk: 'o#apps/replicasets', sk: 'default/gone', rv: 8, deleted: true, obj: '{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"gone"}}' });
    deleted.dynamodb!.NewImage = tomb as never;
    const change = changeFromRecord(deleted)!;
    expect(change.new).toBeUndefined();
    expect(change.old?.metadata.name).toBe('gone');
    expect(change.rv).toBe('8');
    expect(changeFromRecord({ eventName: 'MODIFY', dynamodb: { NewImage: marshall({ pk: '@meta', sk: 'revision', value: 3 }) as never } })).toBeUndefined();
  });
});

describe('work keys', () => {
  it('round-trips namespaced and cluster-scoped keys', () => {
    for (const k of [{ group: 'apps', resource: 'deployments', namespace: 'ns', name: 'web' }, { group: '', resource: 'nodes', name: 'n1' }]) {
      expect(decodeKey(encodeKey(k))).toEqual(k);
    }
    expect(() => decodeKey('nope')).toThrow(/malformed work key/);
  });

  it('keeps SQS ids within 128 characters', () => {
    const long = `apps/deployments/${'n'.repeat(63)}/${'x'.repeat(200)}`;
    expect(messageGroupId(long).length).toBeLessThanOrEqual(128);
    expect(messageGroupId('short/key/ns/n')).toBe('short/key/ns/n');
    expect(deduplicationId(long, '5').length).toBe(64);
  });
});

describe('fanout robustness', () => {
  it('skips non-object items by key and never stalls on an undecodable record', async () => {
    const queue = new FakeWorkQueue();
    const logs: Record<string, unknown>[] = [];
    const alloc: DynamoDBRecord = { eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', Keys: { pk: { S: '@alloc' }, sk: { S: 'n1' } } as never, NewImage: { pk: { S: '@alloc' }, charges: {} } as never } };
    const broken: DynamoDBRecord = { eventName: 'MODIFY', dynamodb: { SequenceNumber: '2', Keys: { pk: { S: 'o#apps/replicasets' } } as never, NewImage: { pk: { S: 'o#apps/replicasets' }, weird: {} } as never } };
    const res = await createFanoutHandler({ queue, route: routeChange, log: (e) => logs.push(e) })({ Records: [alloc, broken, streamRecord('3', 'fine', 9)] });
    expect(res.batchItemFailures).toEqual([]);
    expect(queue.sent.some((s) => s.message.body.includes('fine'))).toBe(true);
    expect(logs.some((l) => l['msg'] === 'undecodable stream record skipped')).toBe(true);
  });
});
