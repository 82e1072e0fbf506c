// Requeue-after in AWS: the forwarder consumes the standard delay queue and sends each
// due key on to its consumer's FIFO queue (or delays it again for waits over 15 minutes).
// It never touches the table.
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SkiffFunction } from './skiff-function.ts';
import { DELAY_VISIBILITY, type QueuePair } from './work-queues.ts';

export interface DelayForwarderProps {
  tableName: string;
  delay: QueuePair;
  workQueues: readonly QueuePair[];
  logRetention: RetentionDays;
}

export class DelayForwarder extends Construct {
  readonly forwarder: SkiffFunction;

  constructor(scope: Construct, id: string, props: DelayForwarderProps) {
    super(scope, id);
    const targets = [...props.workQueues, props.delay];
    this.forwarder = new SkiffFunction(this, 'Forwarder', {
      entry: 'delay-forwarder.ts',
      description: 'skiff delay forwarder: due requeue-afters to their FIFO queues',
      // Lambda refuses a mapping whose function may outlive the message's invisibility.
      timeout: DELAY_VISIBILITY,
      memorySize: 256,
      tableName: props.tableName,
      queueUrls: Object.fromEntries(targets.map((p) => [p.name, p.queue.queueUrl])),
      logRetention: props.logRetention,
    });
    for (const target of targets) target.queue.grantSendMessages(this.forwarder.role);
    this.forwarder.fn.addEventSource(new SqsEventSource(props.delay.queue, {
      batchSize: 10,
      reportBatchItemFailures: true,
      // Forwarding is one SendMessage per key: two workers keep up with any requeue rate
      // the controllers produce, and the floor Lambda allows for this setting is 2.
      maxConcurrency: 2,
    }));
  }
}
