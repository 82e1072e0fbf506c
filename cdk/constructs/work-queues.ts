// The queues in AWS, built from the definitions in lib/queue/queue-definitions.ts (names,
// visibility timeouts, receives before dead-lettering) — the same list the local
// bootstrap creates in the SQS emulator — plus what only the cloud adds: encryption,
// TLS-only policies, high-throughput FIFO, and retention.
import { Duration } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DELAY_QUEUE, MAX_RECEIVE_COUNT, deadLetterQueueName, delayQueueName, queueName, type QueueDefinition,
} from '../../lib/queue/queue-definitions.ts';

/** A work queue and the dead-letter queue its failures land in. */
export interface QueuePair {
  name: string;
  queue: Queue;
  deadLetter: Queue;
  definition?: QueueDefinition;
}

export interface WorkQueuesProps {
  prefix: string;
  definitions: readonly QueueDefinition[];
}

// The longest SQS keeps anything: a dead letter waits two weeks for a human.
const DEAD_LETTER_RETENTION = Duration.days(14);
// A requeue-after waits at most 15 minutes per hop, so the delay queue's own visibility only
// has to cover the forwarder's run.
export const DELAY_VISIBILITY = Duration.seconds(30);

export class WorkQueues extends Construct {
  /** One per consumer, keyed by consumer name (the keys of QUEUE_URLS). */
  readonly work = new Map<string, QueuePair>();
  /** The standard queue behind requeue-after (FIFO queues have no per-message delay). */
  readonly delay: QueuePair;
  /**
   * The fanout's on-failure destination: metadata (shard, sequence range) of stream batches
   * that exhausted their retries, kept so an operator can see what was skipped.
   */
  readonly streamFailures: Queue;

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);
    // Queues go with the stack (unlike the table): they hold keys, never state, and the
    // resync rebuilds them from the table. Retained queues would also block a redeploy,
    // since their names are fixed by lib/.
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };

    for (const def of props.definitions) {
      const deadLetter = new Queue(this, `${def.name}-dlq`, {
        ...common,
        queueName: deadLetterQueueName(props.prefix, def),
        fifo: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
      });
      const queue = new Queue(this, def.name, {
        ...common,
        queueName: queueName(props.prefix, def),
        fifo: true,
        // Message ids are sha256(key@revision): explicit, so content-based dedup stays off.
        contentBasedDeduplication: false,
        // High-throughput FIFO: ordering and dedup per message group (= object key) are all
        // the pipeline needs, and it lifts the 300 calls/s per action ceiling.
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetter, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      this.work.set(def.name, { name: def.name, queue, deadLetter, definition: def });
    }

    const delayDeadLetter = new Queue(this, `${DELAY_QUEUE}-dlq`, {
      ...common,
      queueName: `${delayQueueName(props.prefix)}-dlq`,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    const delay = new Queue(this, DELAY_QUEUE, {
      ...common,
      queueName: delayQueueName(props.prefix),
      visibilityTimeout: DELAY_VISIBILITY,
      deadLetterQueue: { queue: delayDeadLetter, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    this.delay = { name: DELAY_QUEUE, queue: delay, deadLetter: delayDeadLetter };

    this.streamFailures = new Queue(this, 'stream-failures', {
      ...common,
      queueName: `${props.prefix}-stream-failures`,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
  }

  /** Every queue pair, work queues first: what monitoring walks. */
  pairs(): QueuePair[] {
    return [...this.work.values(), this.delay];
  }
}
