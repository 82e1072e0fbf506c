// The fanout: a Lambda on the objects table's stream that appends every change to the
// change log (for watches) and sends its key to each interested work queue.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../lib/storage/table-definition.ts';
import { STREAM_BATCH_SIZE } from '../../lib/pipeline/fanout-handler.ts';
import { SkiffFunction } from './skiff-function.ts';
import { grantTableAccess } from './table-access.ts';
import type { QueuePair } from './work-queues.ts';

export interface StreamFanoutProps {
  table: ITable;
  tableDefinition: TableDefinition;
  workQueues: readonly QueuePair[];
  /** Where batches that exhausted their retries are recorded (shard and sequence range). */
  onFailure: IQueue;
  logRetention: RetentionDays;
}

/**
 * Retries before a failing batch is recorded on the failure queue and skipped. Failures
 * here are SQS or DynamoDB errors (the handler itself skips undecodable records), so a
 * few retries ride out throttling; skipping after that keeps one bad batch from stalling
 * its shard for the stream's 24 h retention, and the periodic resync re-enqueues whatever
 * the skipped records would have.
 */
const STREAM_RETRY_ATTEMPTS = 10;

export class StreamFanout extends Construct {
  readonly fanout: SkiffFunction;

  constructor(scope: Construct, id: string, props: StreamFanoutProps) {
    super(scope, id);
    this.fanout = new SkiffFunction(this, 'Fanout', {
      entry: 'fanout.ts',
      description: 'skiff fanout: stream changes to the change log and the work queues',
      timeout: Duration.minutes(1),
      memorySize: 512,
      tableName: props.table.tableName,
      queueUrls: Object.fromEntries(props.workQueues.map((p) => [p.name, p.queue.queueUrl])),
      logRetention: props.logRetention,
    });
    grantTableAccess(this.fanout.role, props.table, props.tableDefinition, 'changeLogAppend');
    for (const pair of props.workQueues) pair.queue.grantSendMessages(this.fanout.role);

    this.fanout.fn.addEventSource(new DynamoEventSource(props.table, {
      // From the oldest record still in the stream: changes made before the mapping
      // existed (or while it was disabled) are still delivered.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_BATCH_SIZE,
      // A failing batch is split until the failing record is alone, and the handler reports
      // the first failed record so the stream resumes from exactly there.
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      onFailure: new SqsDlq(props.onFailure),
    }));
  }
}
