// The stream consumer: every committed change becomes a key message on each interested
// work queue. Messages are sent per queue in batches of 10, in stream order (so per-key
// order holds). If any message of a record could not be sent, that record is reported as
// the batch item failure: the stream is retried from it, and the deduplication ids make
// the resent messages of later records harmless.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { OutgoingMessage, WorkQueue } from '../queue/work-queue.ts';
import { resourceName, type ChangeEntry, type ChangeLog } from '../storage/change-log.ts';
import { SQS_MAX_BATCH } from '../queue/work-queue.ts';
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

export function createFanoutHandler(deps: FanoutDeps) {
  return async function fanout(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    const byQueue = new Map<string, Pending[]>();
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
        const pending = byQueue.get(route.queue) ?? [];
        pending.push({ recordIndex, message: { body: JSON.stringify(body), groupId: messageGroupId(key), deduplicationId: deduplicationId(key, change.rv) } });
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
    await Promise.all([...byQueue.entries()].map(async ([queue, pending]) => {
      for (let i = 0; i < pending.length; i += SQS_MAX_BATCH) {
        const batch = pending.slice(i, i + SQS_MAX_BATCH);
        // After a failure on this queue, later messages would overtake the failed one.
        if (batch[0]!.recordIndex >= firstFailed) return;
        try {
          const res = await deps.queue.sendBatch(queue, batch.map((p) => p.message));
          for (const idx of res.failedIndexes) firstFailed = Math.min(firstFailed, batch[idx]!.recordIndex);
          sent += batch.length - res.failedIndexes.length;
        } catch (err) {
          deps.log({ msg: 'fanout send failed', queue, error: String(err) });
          firstFailed = Math.min(firstFailed, batch[0]!.recordIndex);
          return;
        }
      }
    }));

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
