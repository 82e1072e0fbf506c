// Everything that runs: the apiserver behind its streaming function URL, the stream
// fanout, one consumer per work queue, the delay forwarder, the resync tick, and the
// alarms and dashboard over all of it. Holds no data, so it can be destroyed and
// redeployed freely; the table and queues come from the stateful stack.
import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { workQueues } from '../lib/queue/queue-definitions.ts';
import { objectsTable } from '../lib/storage/table-definition.ts';
import type { SkiffConfig } from './config.ts';
import { resolveConsumers, type ResolvedConsumers } from './consumer-entries.ts';
import { ApiEndpoint } from './constructs/api-endpoint.ts';
import { DelayForwarder } from './constructs/delay-forwarder.ts';
import { OpsDashboard } from './constructs/ops-dashboard.ts';
import { PipelineAlarms } from './constructs/pipeline-alarms.ts';
import { QueueConsumers } from './constructs/queue-consumers.ts';
import { ResyncSchedule } from './constructs/resync-schedule.ts';
import { StreamFanout } from './constructs/stream-fanout.ts';
import type { WorkQueues } from './constructs/work-queues.ts';

export interface ComputeStackProps extends StackProps {
  config: SkiffConfig;
  table: Table;
  queues: WorkQueues;
  /** Which consumers exist; resolved from lib/'s queue list unless a test passes its own. */
  consumers?: ResolvedConsumers;
}

export class ComputeStack extends Stack {
  readonly api: ApiEndpoint;
  readonly fanout: StreamFanout;
  readonly consumers: QueueConsumers;
  readonly forwarder: DelayForwarder;
  readonly resync: ResyncSchedule;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);
    const { config, table, queues } = props;
    const logRetention = config.logRetentionDays as RetentionDays;
    const tableDefinition = objectsTable;
    const work = [...queues.work.values()];

    this.api = new ApiEndpoint(this, 'Api', { table, tableDefinition, logRetention });
    this.fanout = new StreamFanout(this, 'Stream', { table, tableDefinition, workQueues: work, onFailure: queues.streamFailures, logRetention });
    this.consumers = new QueueConsumers(this, 'Consumers', {
      table, tableDefinition, work: queues.work, delay: queues.delay, logRetention,
      consumers: props.consumers ?? resolveConsumers(workQueues),
    });
    this.forwarder = new DelayForwarder(this, 'Delay', { tableName: table.tableName, delay: queues.delay, workQueues: work, logRetention });
    this.resync = new ResyncSchedule(this, 'Resync', { table, tableDefinition, workQueues: work, intervalMinutes: config.resyncMinutes, logRetention });

    const functions = new Map<string, IFunction>([
      ['apiserver', this.api.server.fn],
      ['fanout', this.fanout.fanout.fn],
      ['delay-forwarder', this.forwarder.forwarder.fn],
      ['resync', this.resync.resync.fn],
      ...[...this.consumers.functions].map(([name, f]): [string, IFunction] => [name, f.fn]),
    ]);
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      queues: queues.pairs(), streamFailures: queues.streamFailures, fanout: this.fanout.fanout.fn, functions, alarmEmail: config.alarmEmail,
    });
    new OpsDashboard(this, 'Ops', {
      dashboardName: config.name, api: this.api.server.fn, fanout: this.fanout.fanout.fn, queues: queues.pairs(),
      streamFailures: queues.streamFailures, functions, alarms: this.alarms.alarms,
    });

    // What `skiff kubeconfig --stack` reads (from `cdk deploy --outputs-file`).
    new CfnOutput(this, 'ApiUrl', { value: this.api.url.url, description: 'the Kubernetes API endpoint (kubeconfig server)' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'the objects table (tokens are minted into it)' });
    new CfnOutput(this, 'Region', { value: Aws.REGION });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'subscribe to hear about alarms' });
  }
}
