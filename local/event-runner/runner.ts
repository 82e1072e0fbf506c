// The local event-source runner `skiff up` starts: the stream poller feeding the fanout,
// one queue poller per registered consumer, the delay forwarder, and the resync timer.
// Every handler here is the same code functions/ hands to Lambda.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../../lib/core/clock.ts';
import type { QueueMetrics } from '../../lib/observability/queue-metrics.ts';
import { createFanoutHandler } from '../../lib/pipeline/fanout-handler.ts';
import { routeChange } from '../../lib/pipeline/fanout-routes.ts';
import { createQueueHandler, type Logger, type QueueHandlerOptions } from '../../lib/pipeline/queue-handler.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';
import { createDelayForwarder } from '../../lib/pipeline/requeue.ts';
import { resync } from '../../lib/pipeline/resync.ts';
import { DELAY_QUEUE } from '../../lib/queue/queue-definitions.ts';
import { SqsWorkQueue } from '../../lib/queue/sqs-work-queue.ts';
import type { ObjectStore } from '../../lib/storage/object-store.ts';
import type { ChangeLog } from '../../lib/storage/change-log.ts';
import type { Loop } from './loop.ts';
import { startQueuePoller } from './queue-poller.ts';
import { startStreamPoller } from './stream-poller.ts';

export interface EventRunnerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  tableName: string;
  /** Queue URLs by name: every consumer's and the delay queue's. */
  queueUrls: Readonly<Record<string, string>>;
  store: ObjectStore;
  /** The log watches read; the fanout appends to it and the resync tick compacts it. */
  changeLog?: ChangeLog;
  /** How long the change log keeps entries (default one hour). */
  changeRetentionMs?: number;
  reconcilers: readonly Reconciler[];
  metrics: QueueMetrics;
  clock: Clock;
  log: Logger;
  /** Default 5 minutes; 0 disables the timer (resyncNow still works). */
  resyncIntervalMs?: number;
  handlerOptions?: QueueHandlerOptions;
  /** Receivers per work queue (default POLLERS_PER_QUEUE). */
  pollersPerQueue?: number;
}

const POLLERS_PER_QUEUE = 4;
/** How long a queue's second and later pollers rest after finding it empty. */
const EXTRA_POLLER_IDLE_MS = 2000;

export interface EventRunner {
  resyncNow(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export function startEventRunner(opts: EventRunnerOptions): EventRunner {
  const queue = new SqsWorkQueue(opts.sqs, opts.queueUrls);
  const url = (name: string) => {
    const u = opts.queueUrls[name];
    if (!u) throw new Error(`no queue URL for "${name}"`);
    return u;
  };
  // Locally only the consumers that run get messages; in AWS every consumer runs.
  const consumers = new Set(opts.reconcilers.map((r) => r.name));
  const route = (change: Parameters<typeof routeChange>[0]) => routeChange(change).filter((r) => consumers.has(r.queue));
  const loops: Loop[] = [
    startStreamPoller({ dynamo: opts.dynamo, streams: opts.streams, tableName: opts.tableName, log: opts.log, handler: createFanoutHandler({ queue, route, log: opts.log, changeLog: opts.changeLog }) }),
    startQueuePoller({ sqs: opts.sqs, queueUrl: url(DELAY_QUEUE), log: opts.log, handler: createDelayForwarder({ queue, clock: opts.clock }) }),
    ...opts.reconcilers.flatMap((r) => {
      // One SQS host (the emulator, or LocalStack) stamps every timestamp: no clock margin.
      const handler = createQueueHandler(r, { queue, metrics: opts.metrics, clock: opts.clock, log: opts.log }, { coalesceMarginMs: 0, ...opts.handlerOptions });
      // Several receivers per queue, as Lambda runs several batches of one FIFO queue at
      // once (one per message group in flight): SQS never hands a group that is in flight
      // to a second receiver, so per-key order holds, and one slow batch no longer holds up
      // every other key. They share one handler, so its pass marks are shared too.
      return Array.from({ length: opts.pollersPerQueue ?? POLLERS_PER_QUEUE }, (_, i) =>
        startQueuePoller({ sqs: opts.sqs, queueUrl: url(r.name), log: opts.log, handler, idleMs: i === 0 ? 0 : EXTRA_POLLER_IDLE_MS }));
    }),
  ];
  const resyncNow = () => resync({ store: opts.store, queue }, [...consumers], opts.clock.now().toISOString());
  const retention = opts.changeRetentionMs ?? 60 * 60_000;
  const tick = async () => {
    await resyncNow().catch((err: unknown) => opts.log({ msg: 'resync failed', error: String(err) }));
    const cutoff = new Date(opts.clock.now().getTime() - retention);
    await opts.changeLog?.compact(cutoff).catch((err: unknown) => opts.log({ msg: 'change log compaction failed', error: String(err) }));
  };
  const interval = opts.resyncIntervalMs ?? 5 * 60_000;
  const timer = interval > 0 ? setInterval(() => void tick(), interval) : undefined;
  timer?.unref();
  return {
    resyncNow,
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
