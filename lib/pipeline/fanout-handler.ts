// The stream consumer: every committed change becomes a key message on each interested
// work queue. Within one stream batch a key gets one message per queue, for its newest
// change: consumers read current state, so the newest change's message covers the older
// ones, and a busy object (a pod moving through its lifecycle while the stream lags) costs
// one reconcile, not one per write. Keys being distinct, a queue's batches of 10 go out
// concurrently with no order to keep. If any message could not be sent, the earliest
// record among the failed messages is reported as the batch item failure: the stream is
// retried from it (which resends each failed key's newest change), and the deduplication
// ids make the resent messages of later records harmless.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { OutgoingMessage, WorkQueue } from '../queue/work-queue.ts';
import { resourceName, type ChangeEntry, type ChangeLog } from '../storage/change-log.ts';
import { SQS_MAX_BATCH } from '../queue/work-queue.ts';
import { chunks } from '../core/chunks.ts';
import { eachLimited } from '../core/each-limited.ts';
import type { Route } from './fanout-routes.ts';
import type { Logger } from './queue-handler.ts';
import { changeFromRecord, type StreamChange } from './stream-records.ts';
import { deduplicationId, encodeKey, messageGroupId, type WorkMessage } from './work-key.ts';

export interface FanoutDeps {
  queue: WorkQueue;
  /** Where watches read changes from; every change is appended before any message is sent. */
  changeLog?: ChangeLog;
  route: (change: StreamChange) => Route[];
  log: Logger;
}

interface Pending {
  recordIndex: number;
  message: OutgoingMessage;
}

/**
 * Stream records per fanout batch, locally and in Lambda's event source mapping (1,000 is
 * the most one GetRecords returns). Large batches amortise the per-batch work (change log
 * writes, checkpoint) and give the per-key coalescing more to merge; Lambda invokes as soon
 * as records are there, so a large limit adds no wait.
 */
export const STREAM_BATCH_SIZE = 1000;

/** SendMessageBatch calls in flight per queue. */
const SENDS_PER_QUEUE = 4;

export function createFanoutHandler(deps: FanoutDeps) {
  return async function fanout(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    // queue → key → the newest change's message.
    const byQueue = new Map<string, Map<string, Pending>>();
    const logEntries: ChangeEntry[] = [];
    event.Records.forEach((record, recordIndex) => {
      let change: ReturnType<typeof changeFromRecord>;
      try {
        change = changeFromRecord(record);
      } catch (err) {
        // A record we cannot decode never will be: retrying it would stall its shard forever.
        deps.log({ msg: 'undecodable stream record skipped', sequenceNumber: record.dynamodb?.SequenceNumber, error: String(err) });
        return;
      }
      if (!change) return;
      logEntries.push(changeEntry(change));
      for (const route of deps.route(change)) {
        const key = encodeKey(route.key);
        const body: WorkMessage = { key, rv: change.rv, cause: 'change' };
        const pending = byQueue.get(route.queue) ?? new Map<string, Pending>();
        pending.set(key, { recordIndex, message: { body: JSON.stringify(body), groupId: messageGroupId(key), deduplicationId: deduplicationId(key, change.rv) } });
        byQueue.set(route.queue, pending);
      }
    });

    if (deps.changeLog && logEntries.length) {
      try {
        await deps.changeLog.append(logEntries);
      } catch (err) {
        // Nothing was lost: the whole batch is retried, and appends are idempotent.
        deps.log({ msg: 'change log append failed', error: String(err) });
        const first = event.Records[0]!;
        return { batchItemFailures: [{ itemIdentifier: first.dynamodb?.SequenceNumber ?? first.eventID ?? '0' }] };
      }
    }

    let firstFailed = Number.POSITIVE_INFINITY;
    let sent = 0;
    const batches = [...byQueue.entries()].flatMap(([queue, byKey]) => chunks([...byKey.values()], SQS_MAX_BATCH).map((batch) => ({ queue, batch })));
    await eachLimited(batches, SENDS_PER_QUEUE * byQueue.size, async ({ queue, batch }) => {
      try {
        const res = await deps.queue.sendBatch(queue, batch.map((p) => p.message));
        for (const idx of res.failedIndexes) firstFailed = Math.min(firstFailed, batch[idx]!.recordIndex);
        sent += batch.length - res.failedIndexes.length;
      } catch (err) {
        deps.log({ msg: 'fanout send failed', queue, error: String(err) });
        firstFailed = Math.min(firstFailed, ...batch.map((p) => p.recordIndex));
      }
    });

    deps.log({ msg: 'fanout', records: event.Records.length, messages: sent, failedFrom: Number.isFinite(firstFailed) ? firstFailed : undefined });
    if (!Number.isFinite(firstFailed)) return { batchItemFailures: [] };
    const failed = event.Records[firstFailed]!;
    return { batchItemFailures: [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? failed.eventID ?? String(firstFailed) }] };
  };
}

/** A change as a watch sees it: a deletion carries the object at the deletion's revision. */
function changeEntry(change: StreamChange): ChangeEntry {
  const base = { revision: BigInt(change.rv), resource: resourceName(change.resource), namespace: (change.new ?? change.old)?.metadata.namespace };
  if (change.new && change.old) return { ...base, type: 'MODIFIED', object: change.new, old: change.old };
  if (change.new) return { ...base, type: 'ADDED', object: change.new };
  const last = change.old!;
  return { ...base, type: 'DELETED', object: { ...last, metadata: { ...last.metadata, resourceVersion: change.rv } } };
}
