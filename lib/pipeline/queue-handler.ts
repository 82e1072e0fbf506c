// Turns an SQS batch into reconcile calls, Powertools-style: every message either succeeds
// or is reported in batchItemFailures. Messages of one group (one object key) run in order
// and are collapsed into one reconcile — the reconciler reads current state anyway — while
// different keys run concurrently, so one bad key never blocks the others. A group whose
// messages were all sent before an earlier successful pass of its key began is
// acknowledged without a pass (pass-marks.ts): under load, a busy key's backlog drains
// at one pass per batch of changes, not one per change.
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Clock } from '../core/clock.ts';
import type { Outcome, QueueMetrics } from '../observability/queue-metrics.ts';
import { DELAY_QUEUE, MAX_RECEIVE_COUNT } from '../queue/queue-definitions.ts';
import type { WorkQueue } from '../queue/work-queue.ts';
import { DEFAULT_BACKOFF, backoffSeconds, type BackoffPolicy } from './backoff.ts';
import { DeadlineExceededError, TerminalError, type Reconciler } from './reconciler.ts';
import { coveredBy, PassMarks } from './pass-marks.ts';
import { requeueMessage } from './requeue.ts';
import { decodeKey, type WorkMessage } from './work-key.ts';

export type Logger = (entry: Record<string, unknown>) => void;

export interface QueueHandlerDeps {
  queue: WorkQueue;
  metrics: QueueMetrics;
  clock: Clock;
  log: Logger;
}

export interface QueueHandlerOptions {
  deadlineMs?: number;
  backoff?: BackoffPolicy;
  maxReceiveCount?: number;
  /**
   * How much earlier than a pass's batch was received a message must have been sent to
   * count as seen by that pass. Both instants come from SQS; the margin allows for clock
   * differences between its hosts. The local runner's emulator has one clock and uses 0.
   */
  coalesceMarginMs?: number;
}

const DEFAULT_COALESCE_MARGIN_MS = 1000;

const DEFAULT_DEADLINE_MS = 20_000;

export function createQueueHandler(reconciler: Reconciler, deps: QueueHandlerDeps, opts: QueueHandlerOptions = {}) {
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const maxReceives = opts.maxReceiveCount ?? MAX_RECEIVE_COUNT;
  const marginMs = opts.coalesceMarginMs ?? DEFAULT_COALESCE_MARGIN_MS;
  const marks = new PassMarks();

  return async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: SQSBatchItemFailure[] = [];
    const counts: Record<Outcome, number> = { processed: 0, retried: 0, deadLettered: 0, terminal: 0, requeued: 0 };
    await Promise.all([...groupByKey(event.Records).values()].map(async (records) => {
      const outcome = await reconcileGroup(records);
      counts[outcome] += records.length;
      if (outcome === 'retried' || outcome === 'deadLettered') {
        for (const r of records) failures.push({ itemIdentifier: r.messageId });
      }
    }));
    await deps.metrics.record(reconciler.name, counts).catch((err: unknown) => deps.log({ msg: 'metrics write failed', queue: reconciler.name, error: String(err) }));
    return { batchItemFailures: failures };
  };

  async function reconcileGroup(records: SQSRecord[]): Promise<Outcome> {
    const first = records[0]!;
    const started = Date.now();
    let keyText = '';
    const entry = (outcome: Outcome, extra: Record<string, unknown> = {}) =>
      deps.log({ msg: 'reconcile', queue: reconciler.name, key: keyText, messageId: first.messageId, messages: records.length, outcome, ms: Date.now() - started, ...extra });
    try {
      keyText = (JSON.parse(first.body) as WorkMessage).key;
      const key = decodeKey(keyText);
      if (coveredBy(records, marks.get(keyText), marginMs)) {
        entry('processed', { coalesced: true });
        return 'processed';
      }
      const result = await withDeadline(deadlineMs, (signal) => reconciler.reconcile(key, signal));
      marks.passed(keyText, records);
      if (result?.requeueAfterMs !== undefined) {
        const now = deps.clock.now().getTime();
        await deps.queue.sendBatch(DELAY_QUEUE, [requeueMessage(reconciler.name, keyText, now + result.requeueAfterMs, now)]);
        entry('requeued', { afterMs: result.requeueAfterMs });
        return 'requeued';
      }
      entry('processed');
      return 'processed';
    } catch (err) {
      if (err instanceof TerminalError || err instanceof SyntaxError || (err instanceof Error && err.message.startsWith('malformed work key'))) {
        // Retrying cannot fix these; acknowledge so the key's group moves on.
        entry('terminal', { error: err.message });
        return 'terminal';
      }
      const receives = Math.max(...records.map((r) => Number(r.attributes.ApproximateReceiveCount ?? 1)));
      const last = receives >= maxReceives;
      // On the last receive, make it visible at once so SQS moves it to the DLQ promptly.
      const delay = last ? 0 : backoffSeconds(backoff, receives);
      await Promise.all(records.map((r) => deps.queue.changeVisibility(reconciler.name, r.receiptHandle, delay).catch(() => undefined)));
      entry(last ? 'deadLettered' : 'retried', { error: err instanceof Error ? err.message : String(err), receives, retryInSeconds: delay });
      return last ? 'deadLettered' : 'retried';
    }
  }
}

function groupByKey(records: SQSRecord[]): Map<string, SQSRecord[]> {
  const groups = new Map<string, SQSRecord[]>();
  for (const r of records) {
    const id = r.attributes.MessageGroupId ?? r.messageId;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(r);
  }
  return groups;
}

async function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineExceededError(ms));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
