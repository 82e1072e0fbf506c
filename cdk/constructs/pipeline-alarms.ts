// "Nothing silently dropped": every dead-letter queue, every queue's backlog, the stream
// reader's lag and every function's errors and throttles raise an alarm on one SNS topic.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueuePair } from './work-queues.ts';

export interface PipelineAlarmsProps {
  queues: readonly QueuePair[];
  streamFailures: IQueue;
  /** The stream's reader, for iterator age. */
  fanout: IFunction;
  /** Every function, by a short name used in alarm names. */
  functions: ReadonlyMap<string, IFunction>;
  alarmEmail?: string;
}

/** A work queue whose oldest key waits this long is not keeping up (or not consumed). */
const WORK_BACKLOG_AGE = Duration.minutes(15);
/** Delay messages legitimately wait up to 15 minutes per hop. */
const DELAY_BACKLOG_AGE = Duration.minutes(30);
/** Stream records this old mean the fanout is behind; at 24 h they are lost. */
const ITERATOR_AGE = Duration.minutes(1);

export class PipelineAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'skiff alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const pair of props.queues) {
      this.atLeastOne(`${pair.name}-dlq-depth`, `messages dead-lettered from ${pair.name}`,
        pair.deadLetter.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }));
      const limit = pair.definition ? WORK_BACKLOG_AGE : DELAY_BACKLOG_AGE;
      this.above(`${pair.name}-oldest-age`, `oldest message on ${pair.name} older than ${limit.toHumanString()}`,
        pair.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }), limit.toSeconds(), 1);
    }
    this.atLeastOne('stream-failures-depth', 'stream batches skipped after exhausting retries',
      props.streamFailures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }));
    this.above('stream-iterator-age', `fanout more than ${ITERATOR_AGE.toHumanString()} behind the table stream`,
      props.fanout.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }), ITERATOR_AGE.toMilliseconds(), 3);

    for (const [name, fn] of props.functions) {
      this.atLeastOne(`${name}-errors`, `${name} invocations failed`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
      this.atLeastOne(`${name}-throttles`, `${name} invocations throttled`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }));
    }
  }

  private atLeastOne(id: string, description: string, metric: IMetric): void {
    this.add(id, description, metric, 1, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
  }

  private above(id: string, description: string, metric: IMetric, threshold: number, periods: number): void {
    this.add(id, description, metric, threshold, periods, ComparisonOperator.GREATER_THAN_THRESHOLD);
  }

  private add(id: string, description: string, metric: IMetric, threshold: number, periods: number, op: ComparisonOperator): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: op,
      alarmDescription: `skiff: ${description}`,
      // An idle queue or function publishes nothing: that is healthy, not unknown.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
