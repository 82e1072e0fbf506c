// The periodic tick: an EventBridge rule invokes the resync function, which re-enqueues
// every object for its consumers (so a lost message only delays convergence, and node
// lifecycle sees every node regularly) and compacts the change log. A rule rather than
// EventBridge Scheduler because LocalStack's community Scheduler does not fire targets;
// rules work the same on AWS and LocalStack.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../lib/storage/table-definition.ts';
import { SkiffFunction } from './skiff-function.ts';
import { grantTableAccess } from './table-access.ts';
import type { QueuePair } from './work-queues.ts';

export interface ResyncScheduleProps {
  table: ITable;
  tableDefinition: TableDefinition;
  workQueues: readonly QueuePair[];
  intervalMinutes: number;
  logRetention: RetentionDays;
}

export class ResyncSchedule extends Construct {
  readonly resync: SkiffFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ResyncScheduleProps) {
    super(scope, id);
    this.resync = new SkiffFunction(this, 'Resync', {
      entry: 'resync.ts',
      description: 'skiff resync: re-enqueue every object for its consumers; compact the change log',
      // Lists every object; overlapping rounds are harmless (each has its own dedup ids).
      timeout: Duration.minutes(5),
      memorySize: 512,
      tableName: props.table.tableName,
      queueUrls: Object.fromEntries(props.workQueues.map((p) => [p.name, p.queue.queueUrl])),
      logRetention: props.logRetention,
    });
    grantTableAccess(this.resync.role, props.table, props.tableDefinition, 'resync');
    for (const pair of props.workQueues) pair.queue.grantSendMessages(this.resync.role);

    const interval = Duration.minutes(props.intervalMinutes);
    this.rule = new Rule(this, 'Tick', {
      description: 'skiff resync and periodic ticks',
      schedule: Schedule.rate(interval),
      // A tick that could not be delivered within one interval is superseded by the next.
      targets: [new LambdaFunction(this.resync.fn, { maxEventAge: interval, retryAttempts: 2 })],
    });
  }
}
