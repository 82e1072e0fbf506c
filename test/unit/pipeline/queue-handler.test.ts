import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryQueueMetrics } from '../../../lib/observability/queue-metrics.ts';
import { backoffSeconds } from '../../../lib/pipeline/backoff.ts';
import { createQueueHandler } from '../../../lib/pipeline/queue-handler.ts';
import { TerminalError, type Reconciler } from '../../../lib/pipeline/reconciler.ts';
import { FakeWorkQueue } from '../../support/fake-queue.ts';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

function record(id: string, key: string, receives = 1, body?: string): SQSRecord {
  return {
    messageId: id, receiptHandle: `rh-${id}`, body: body ?? JSON.stringify({ key, cause: 'change' }),
    attributes: { ApproximateReceiveCount: String(receives), SentTimestamp: '', SenderId: '', ApproximateFirstReceiveTimestamp: '', MessageGroupId: key },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1',
  };
}

function setup(reconcile: Reconciler['reconcile'], deadlineMs?: number) {
  const queue = new FakeWorkQueue();
  const metrics = new MemoryQueueMetrics();
  const logs: Record<string, unknown>[] = [];
  const handler = createQueueHandler({ name: 'replicaset', reconcile }, { queue, metrics, clock, log: (e) => logs.push(e) }, { deadlineMs });
  return { handler, queue, metrics, logs };
}

describe('queue handler', () => {
  it('reconciles each key once per batch, acknowledging all its messages', async () => {
    const calls: string[] = [];
    const { handler, metrics } = setup(async (key) => void calls.push(key.name));
    const res = await handler({ Records: [record('1', '/pods/ns/a'), record('2', '/pods/ns/b'), record('3', '/pods/ns/a')] });
    expect(res.batchItemFailures).toEqual([]);
    expect(calls.sort()).toEqual(['a', 'b']);
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ processed: 3 });
  });

  it('fails only the failing key, backing it off by its receive count', async () => {
    const { handler, queue, metrics } = setup(async (key) => {
      if (key.name === 'bad') throw new Error('boom');
    });
    const res = await handler({ Records: [record('1', '/pods/ns/bad', 3), record('2', '/pods/ns/good'), record('3', '/pods/ns/bad', 3)] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '3' }]);
    expect(queue.visibility).toEqual([
      { queue: 'replicaset', receiptHandle: 'rh-1', seconds: 4 },
      { queue: 'replicaset', receiptHandle: 'rh-3', seconds: 4 },
    ]);
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ processed: 1, retried: 2 });
  });

  it('counts the last allowed receive as dead-lettered and makes it visible at once', async () => {
    const { handler, queue, metrics } = setup(async () => {
      throw new Error('boom');
    });
    const res = await handler({ Records: [record('1', '/pods/ns/a', 5)] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(queue.visibility[0]!.seconds).toBe(0);
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ deadLettered: 1, retried: 0 });
  });

  it('acknowledges terminal errors and malformed messages without retrying', async () => {
    const { handler, metrics, logs } = setup(async () => {
      throw new TerminalError('the spec can never be satisfied');
    });
    const res = await handler({ Records: [record('1', '/pods/ns/a'), record('2', 'x', 1, 'not json'), record('3', 'y', 1, '{"key":"no-slashes"}')] });
    expect(res.batchItemFailures).toEqual([]);
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ terminal: 3 });
    expect(logs.filter((l) => l['outcome'] === 'terminal')).toHaveLength(3);
  });

  it('retries a reconcile that overruns its deadline, and aborts its signal', async () => {
    let aborted = false;
    const { handler } = setup((_key, signal) => new Promise(() => signal.addEventListener('abort', () => (aborted = true))), 50);
    const res = await handler({ Records: [record('1', '/pods/ns/slow')] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(aborted).toBe(true);
  });

  it('sends a requeue-after to the delay queue with its due time', async () => {
    const { handler, queue, metrics } = setup(async () => ({ requeueAfterMs: 30 * 60_000 }));
    await handler({ Records: [record('1', 'apps/deployments/ns/web')] });
    expect(queue.sent).toHaveLength(1);
    expect(queue.sent[0]!.queue).toBe('delay');
    expect(queue.sent[0]!.message.delaySeconds).toBe(900);
    expect(JSON.parse(queue.sent[0]!.message.body)).toEqual({ queue: 'replicaset', key: 'apps/deployments/ns/web', dueAt: clock.now().getTime() + 30 * 60_000 });
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ requeued: 1 });
  });
});

describe('backoff', () => {
  it.each([[1, 1], [2, 2], [3, 4], [9, 256], [10, 300], [100, 300]])('receive %i waits %i s', (receives, seconds) => {
    expect(backoffSeconds({ baseSeconds: 1, capSeconds: 300 }, receives)).toBe(seconds);
  });
});
