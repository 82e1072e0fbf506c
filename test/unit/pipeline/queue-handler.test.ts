import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryQueueMetrics } from '../../../lib/observability/queue-metrics.ts';
import { backoffSeconds } from '../../../lib/pipeline/backoff.ts';
import { createQueueHandler } from '../../../lib/pipeline/queue-handler.ts';
import { TerminalError, type Reconciler } from '../../../lib/pipeline/reconciler.ts';
import { FakeWorkQueue } from '../../support/fake-queue.ts';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

function record(id: string, key: string, receives = 1, body?: string, times: { sent?: number; received?: number } = {}): SQSRecord {
  return {
    messageId: id, receiptHandle: `rh-${id}`, body: body ?? JSON.stringify({ key, cause: 'change' }),
    attributes: { ApproximateReceiveCount: String(receives), SentTimestamp: times.sent ? String(times.sent) : '', SenderId: '', ApproximateFirstReceiveTimestamp: times.received ? String(times.received) : '', MessageGroupId: key },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1',
  };
}

function setup(reconcile: Reconciler['reconcile'], deadlineMs?: number, coalesceMarginMs?: number) {
  const queue = new FakeWorkQueue();
  const metrics = new MemoryQueueMetrics();
  const logs: Record<string, unknown>[] = [];
  const handler = createQueueHandler({ name: 'replicaset', reconcile }, { queue, metrics, clock, log: (e) => logs.push(e) }, { deadlineMs, coalesceMarginMs });
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

describe('queue handler coalescing across batches', () => {
  const key = 'apps/replicasets/ns/web';
  const at = (sent: number, received: number) => ({ sent, received });

  it('acknowledges, without a pass, messages sent before an earlier successful pass of the key was received', async () => {
    const calls: string[] = [];
    const { handler, metrics, logs } = setup(async (k) => void calls.push(k.name), undefined, 0);
    await handler({ Records: [record('1', key, 1, undefined, at(1000, 2000))] });
    // Sent at 1500 and 1999: both before the first pass's batch was received at 2000.
    const res = await handler({ Records: [record('2', key, 1, undefined, at(1500, 2500)), record('3', key, 1, undefined, at(1999, 2500))] });
    expect(res.batchItemFailures).toEqual([]);
    expect(calls).toEqual(['web']);
    expect(logs.filter((l) => l['coalesced'] === true)).toHaveLength(1);
    expect((await metrics.snapshot())['replicaset']).toMatchObject({ processed: 3 });
  });

  it('runs a pass when any message of the group was sent at or after that receive', async () => {
    const calls: string[] = [];
    const { handler } = setup(async (k) => void calls.push(k.name), undefined, 0);
    await handler({ Records: [record('1', key, 1, undefined, at(1000, 2000))] });
    await handler({ Records: [record('2', key, 1, undefined, at(1500, 2600)), record('3', key, 1, undefined, at(2000, 2600))] });
    expect(calls).toEqual(['web', 'web']);
  });

  it('keeps the margin for clocks that differ between SQS hosts', async () => {
    const calls: string[] = [];
    const { handler } = setup(async (k) => void calls.push(k.name), undefined, 1000);
    await handler({ Records: [record('1', key, 1, undefined, at(1000, 5000))] });
    await handler({ Records: [record('2', key, 1, undefined, at(4500, 6000))] });
    await handler({ Records: [record('3', key, 1, undefined, at(3999, 6000))] });
    expect(calls).toEqual(['web', 'web']);
  });

  it('does not count a failed pass, another key, or a message without timestamps', async () => {
    const calls: string[] = [];
    let fail = true;
    const { handler } = setup(async (k) => {
      calls.push(k.name);
      if (fail) throw new Error('boom');
    }, undefined, 0);
    await handler({ Records: [record('1', key, 1, undefined, at(1000, 2000))] });
    fail = false;
    await handler({ Records: [record('2', key, 1, undefined, at(1500, 2500))] });
    await handler({ Records: [record('3', 'apps/replicasets/ns/other', 1, undefined, at(1600, 2600))] });
    await handler({ Records: [record('4', key)] });
    expect(calls).toEqual(['web', 'web', 'other', 'web']);
  });
});

describe('backoff', () => {
  it.each([[1, 1], [2, 2], [3, 4], [9, 256], [10, 300], [100, 300]])('receive %i waits %i s', (receives, seconds) => {
    expect(backoffSeconds({ baseSeconds: 1, capSeconds: 300 }, receives)).toBe(seconds);
  });
});
