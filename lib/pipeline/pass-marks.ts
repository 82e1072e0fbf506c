// Coalescing across batches, client-go workqueue style. A reconciler reads current state,
// so a message needs no pass of its own when a pass of the same key that succeeded had
// started after the message was sent: that pass's reads already saw the change behind it
// (the fanout sends a message only after the write committed).
//
// "Started after it was sent" is judged on SQS's clock alone, never this process's: a pass
// starts after its batch was received, so the newest ApproximateFirstReceiveTimestamp of
// its batch is a lower bound of its start. A message whose SentTimestamp is earlier than
// that (by more than `marginMs`, for clock differences between SQS hosts) is covered.
// Timestamps are whole milliseconds, so "earlier" is strict.
//
// The marks live in this process's memory only (a warm Lambda container, the local
// runner). Forgetting one costs a pass, never a change: at worst a covered message is
// reconciled again.
import type { SQSRecord } from 'aws-lambda';

/** How many keys' marks to keep; the oldest written is forgotten first. */
const DEFAULT_CAPACITY = 10_000;

function timestamp(text: string | undefined): number | undefined {
  const ms = Number(text);
  return text && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The SQS-clock instant a pass over this batch is known to have started after. */
export function batchMark(records: readonly SQSRecord[]): number | undefined {
  const received = records.map((r) => timestamp(r.attributes.ApproximateFirstReceiveTimestamp)).filter((t): t is number => t !== undefined);
  return received.length ? Math.max(...received) : undefined;
}

/** True when every message was sent before `mark` (less the margin): a pass from then on saw them all. */
export function coveredBy(records: readonly SQSRecord[], mark: number | undefined, marginMs: number): boolean {
  if (mark === undefined || records.length === 0) return false;
  return records.every((r) => {
    const sent = timestamp(r.attributes.SentTimestamp);
    return sent !== undefined && sent < mark - marginMs;
  });
}

export class PassMarks {
  private readonly marks = new Map<string, number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(key: string): number | undefined {
    return this.marks.get(key);
  }

  /** After a successful pass over `records`: later messages sent before its mark are covered. */
  passed(key: string, records: readonly SQSRecord[]): void {
    const mark = batchMark(records);
    if (mark === undefined) return;
    const known = this.marks.get(key);
    this.marks.delete(key);
    this.marks.set(key, Math.max(mark, known ?? mark));
    if (this.marks.size > this.capacity) this.marks.delete(this.marks.keys().next().value!);
  }
}
