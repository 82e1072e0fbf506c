// The work queues, described once: the local bootstrap creates them in the SQS emulator
// and the CDK stateful stack creates them in AWS. One FIFO queue per consumer so each
// consumer sees every key in order; each has a dead-letter queue.

export interface QueueDefinition {
  /** Consumer name; also the queue's base name. */
  name: string;
  /** Seconds a received message stays invisible while its reconcile runs. */
  visibilityTimeoutSeconds: number;
}

/** Receives before a message is moved to its dead-letter queue. The one place it is set. */
export const MAX_RECEIVE_COUNT = 5;

export const workQueues: readonly QueueDefinition[] = [
  { name: 'scheduler', visibilityTimeoutSeconds: 30 },
  { name: 'replicaset', visibilityTimeoutSeconds: 30 },
  { name: 'deployment', visibilityTimeoutSeconds: 30 },
  { name: 'garbagecollector', visibilityTimeoutSeconds: 30 },
  { name: 'namespace', visibilityTimeoutSeconds: 60 },
  { name: 'nodelifecycle', visibilityTimeoutSeconds: 30 },
  { name: 'endpoints', visibilityTimeoutSeconds: 30 },
];

/**
 * SQS FIFO queues have no per-message delay, so a reconciler's requeue-after goes through
 * this standard queue (per-message DelaySeconds up to 15 minutes); its forwarder re-delays
 * longer waits and finally sends the key to the consumer's FIFO queue.
 */
export const DELAY_QUEUE = 'delay';

export function delayQueueName(prefix: string): string {
  return `${prefix}-${DELAY_QUEUE}`;
}

export function queueName(prefix: string, def: QueueDefinition): string {
  return `${prefix}-${def.name}.fifo`;
}

export function deadLetterQueueName(prefix: string, def: QueueDefinition): string {
  return `${prefix}-${def.name}-dlq.fifo`;
}
