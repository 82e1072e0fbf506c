// One Lambda per work queue, built from the queue definitions in lib/ and the entry map in
// cdk/consumer-entries.ts. Each reads its queue in FIFO batches of at most 10 (SQS's cap
// for FIFO), reports failed messages individually, and is capped in concurrency.
import { Annotations, Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../lib/storage/table-definition.ts';
import type { ResolvedConsumers } from '../consumer-entries.ts';
import { SkiffFunction } from './skiff-function.ts';
import { grantTableAccess } from './table-access.ts';
import type { QueuePair } from './work-queues.ts';

export interface QueueConsumersProps {
  table: ITable;
  tableDefinition: TableDefinition;
  consumers: ResolvedConsumers;
  work: ReadonlyMap<string, QueuePair>;
  delay: QueuePair;
  logRetention: RetentionDays;
}

/** SQS FIFO event source mappings deliver at most 10 messages per batch. */
const FIFO_BATCH = 10;

export class QueueConsumers extends Construct {
  /** By consumer (= queue) name. */
  readonly functions = new Map<string, SkiffFunction>();

  constructor(scope: Construct, id: string, props: QueueConsumersProps) {
    super(scope, id);
    for (const { definition, entry } of props.consumers.missing) {
      Annotations.of(this).addWarningV2(
        `skiff:consumer-missing:${definition.name}`,
        `functions/${entry} does not exist yet: queue "${definition.name}" is created and alarmed but nothing consumes it`,
      );
    }
    for (const { definition, consumer } of props.consumers.ready) {
      const own = required(props.work, definition.name);
      const sendsTo = (consumer.sendsTo ?? []).map((name) => required(props.work, name));
      const fn = new SkiffFunction(this, definition.name, {
        entry: consumer.entry,
        description: `skiff ${definition.name} consumer`,
        // Lambda refuses a mapping whose function may outlive the message's invisibility.
        timeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        memorySize: consumer.memorySize,
        tableName: props.table.tableName,
        queueUrls: Object.fromEntries([own, props.delay, ...sendsTo].map((p) => [p.name, p.queue.queueUrl])),
        logRetention: props.logRetention,
      });
      grantTableAccess(fn.role, props.table, props.tableDefinition, 'registry');
      // Requeue-after goes through the delay queue; retries change the message's visibility
      // on its own queue (granted with the event source, which also receives and deletes).
      props.delay.queue.grantSendMessages(fn.role);
      for (const target of sendsTo) target.queue.grantSendMessages(fn.role);
      fn.fn.addEventSource(new SqsEventSource(own.queue, {
        batchSize: FIFO_BATCH,
        reportBatchItemFailures: true,
        maxConcurrency: consumer.maxConcurrency,
      }));
      this.functions.set(definition.name, fn);
    }
  }
}

function required(work: ReadonlyMap<string, QueuePair>, name: string): QueuePair {
  const pair = work.get(name);
  if (!pair) throw new Error(`no work queue named "${name}" in lib/queue/queue-definitions.ts`);
  return pair;
}
