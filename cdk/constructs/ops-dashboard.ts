// One CloudWatch dashboard: the API, the stream, the queues, the functions, and the
// state of every alarm, in the order an operator reads them when something is wrong.
import { Duration } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, type IMetric, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueuePair } from './work-queues.ts';

export interface OpsDashboardProps {
  dashboardName: string;
  api: IFunction;
  fanout: IFunction;
  queues: readonly QueuePair[];
  streamFailures: IQueue;
  functions: ReadonlyMap<string, IFunction>;
  alarms: readonly IAlarm[];
}

const PERIOD = Duration.minutes(1);

export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    const perFunction = (f: (fn: IFunction) => Metric) => [...props.functions].map(([name, fn]) => f(fn).with({ label: name }));
    const perQueue = (f: (p: QueuePair) => Metric) => props.queues.map((p) => f(p).with({ label: p.name }));

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.dashboard.addWidgets(
      graph('API requests', [props.api.metricInvocations({ period: PERIOD }), props.api.metricErrors({ period: PERIOD })]),
      graph('API duration (p50, p99)', [
        props.api.metricDuration({ period: PERIOD, statistic: 'p50' }),
        props.api.metricDuration({ period: PERIOD, statistic: 'p99' }),
      ]),
      graph('API concurrency (open watches hold one each)', [props.api.metric('ConcurrentExecutions', { period: PERIOD, statistic: 'Maximum' })]),
    );
    this.dashboard.addWidgets(
      graph('Stream iterator age (ms)', [props.fanout.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' })]),
      graph('Stream batches skipped', [props.streamFailures.metricApproximateNumberOfMessagesVisible({ period: PERIOD })]),
      graph('Fanout batches', [props.fanout.metricInvocations({ period: PERIOD }), props.fanout.metricErrors({ period: PERIOD })]),
    );
    this.dashboard.addWidgets(
      graph('Queue backlog', perQueue((p) => p.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD }))),
      graph('Oldest message age (s)', perQueue((p) => p.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD }))),
      graph('Dead letters', perQueue((p) => p.deadLetter.metricApproximateNumberOfMessagesVisible({ period: PERIOD }))),
    );
    this.dashboard.addWidgets(
      graph('Function errors', perFunction((fn) => fn.metricErrors({ period: PERIOD }))),
      graph('Function throttles', perFunction((fn) => fn.metricThrottles({ period: PERIOD }))),
      graph('Function duration p99', perFunction((fn) => fn.metricDuration({ period: PERIOD, statistic: 'p99' }))),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 6 }));
  }
}
