// Counts what a local cluster would be billed for in AWS: DynamoDB capacity units (asked
// for with ReturnConsumedCapacity), SQS and DynamoDB Streams requests, and the Lambda
// invocations the local runner stands in for. Attached as SDK middleware to the clients
// skiff up builds (never to a global), and read by `skiff up --usage-file` for `npm run bench`.
import { renameSync, writeFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { isCheckpointRecord } from './event-runner/checkpoints.ts';

export interface Usage {
  dynamo: { requests: Record<string, number>; readUnits: number; writeUnits: number; transactWriteUnits: number };
  streams: { requests: Record<string, number> };
  /** emptyReceives: long polls that found nothing (the idle cost of a queue). */
  sqs: { requests: Record<string, number>; emptyReceives: number };
  /** What Lambda would have been invoked for: one per apiserver request (and its handler
   * time), one per stream batch the fanout got, one per non-empty queue receive. */
  lambda: { apiserver: number; apiserverMs: number; fanout: number; consumers: number };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

type Capacity = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;
type AnyClient = DynamoDBClient | DynamoDBStreamsClient | SQSClient;

export class UsageMeter {
  private readonly usage: Usage = {
    dynamo: { requests: {}, readUnits: 0, writeUnits: 0, transactWriteUnits: 0 },
    streams: { requests: {} },
    sqs: { requests: {}, emptyReceives: 0 },
    lambda: { apiserver: 0, apiserverMs: 0, fanout: 0, consumers: 0 },
  };

  attachDynamo(client: DynamoDBClient): void {
    this.attach(client, (op, input) => {
      if (WRITES.has(op) || READS.has(op)) input['ReturnConsumedCapacity'] ??= 'TOTAL';
    }, (op, output, failed) => {
      this.bump(this.usage.dynamo.requests, op);
      // A refused conditional write is still billed (at least one unit); the error carries no figure.
      const units = failed ? (WRITES.has(op) ? 1 : 0) : capacityUnits(output?.['ConsumedCapacity'] as Capacity);
      if (op === 'TransactWriteItems') this.usage.dynamo.transactWriteUnits += units;
      if (WRITES.has(op)) this.usage.dynamo.writeUnits += units;
      else if (READS.has(op)) this.usage.dynamo.readUnits += units;
    });
  }

  attachStreams(client: DynamoDBStreamsClient): void {
    this.attach(client, () => undefined, (op, output) => {
      this.bump(this.usage.streams.requests, op);
      // Lambda is invoked for a batch with at least one record; the local poller's own
      // checkpoint records would not exist in AWS.
      const records = (output?.['Records'] ?? []) as Parameters<typeof isCheckpointRecord>[0][];
      if (op === 'GetRecords' && records.some((r) => !isCheckpointRecord(r))) this.usage.lambda.fanout++;
    });
  }

  attachSqs(client: SQSClient): void {
    this.attach(client, () => undefined, (op, output) => {
      this.bump(this.usage.sqs.requests, op);
      if (op !== 'ReceiveMessage') return;
      if (((output?.['Messages'] as unknown[] | undefined)?.length ?? 0) > 0) this.usage.lambda.consumers++;
      else this.usage.sqs.emptyReceives++;
    });
  }

  /** One apiserver request, as one Lambda invocation of `ms` (to the response head). */
  apiRequest(ms: number): void {
    this.usage.lambda.apiserver++;
    this.usage.lambda.apiserverMs += ms;
  }

  snapshot(): Usage {
    return structuredClone(this.usage);
  }

  private bump(counts: Record<string, number>, op: string): void {
    counts[op] = (counts[op] ?? 0) + 1;
  }

  private attach(
    client: AnyClient,
    before: (op: string, input: Record<string, unknown>) => void,
    after: (op: string, output: Record<string, unknown> | undefined, failed: boolean) => void,
  ): void {
    // The SDK's middleware types are generic per client; this one only reads names and shapes.
    (client.middlewareStack as { add: (mw: unknown, opts: unknown) => void }).add(
      (next: (args: { input: Record<string, unknown> }) => Promise<{ output?: Record<string, unknown> }>, context: { commandName?: string }) =>
        async (args: { input: Record<string, unknown> }) => {
          const op = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          before(op, args.input);
          try {
            const result = await next(args);
            after(op, result.output, false);
            return result;
          } catch (err) {
            after(op, undefined, true);
            throw err;
          }
        },
      { step: 'initialize', name: 'skiffUsageMeter' },
    );
  }
}

function capacityUnits(c: Capacity): number {
  if (!c) return 0;
  return (Array.isArray(c) ? c : [c]).reduce((n, x) => n + (x.CapacityUnits ?? 0), 0);
}

/** Rewrites the file with the meter's counts every `ms` (whole-file renames, so a reader
 * never sees half a file); stop() writes once more and ends the timer. */
export function writeUsageEvery(meter: UsageMeter, file: string, ms: number): { stop(): void } {
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(meter.snapshot()));
    renameSync(`${file}.tmp`, file);
  };
  write();
  const timer = setInterval(write, ms);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      write();
    },
  };
}
