// A fresh table and a fresh set of queues on the run's shared emulators, plus a runner
// factory: what `skiff up` wires, isolated per test.
import { randomBytes } from 'node:crypto';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import { localDynamoClient, localSqsClient, localStreamsClient } from '../../local/aws-clients.ts';
import { ensureQueues, ensureTable } from '../../local/bootstrap.ts';
import { startEventRunner, type EventRunner, type EventRunnerOptions } from '../../local/event-runner/runner.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { randomIds } from '../../lib/core/ids.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';
import { deadLetterQueueName, workQueues } from '../../lib/queue/queue-definitions.ts';
import { DynamoQueueMetrics } from '../../lib/storage/dynamo-queue-metrics.ts';
import { DynamoStore } from '../../lib/storage/dynamo-store.ts';

export async function pipelineFixture() {
  const dynamo = localDynamoClient(inject('dynamodbEndpoint'));
  const streams = localStreamsClient(inject('dynamodbEndpoint'));
  const sqs = localSqsClient(inject('sqsEndpoint'));
  const id = randomBytes(5).toString('hex');
  const tableName = `pipe-${id}`;
  const prefix = `t${id}`;
  await ensureTable(dynamo, tableName);
  const queueUrls = await ensureQueues(sqs, prefix);
  const store = new DynamoStore({ client: dynamo, tableName, clock: systemClock, ids: randomIds });
  const metrics = new DynamoQueueMetrics(dynamo, tableName);
  const logs: Record<string, unknown>[] = [];
  const runners: EventRunner[] = [];
  return {
    dynamo, sqs, store, metrics, tableName, queueUrls, logs,
    async dlqUrl(consumer: string): Promise<string> {
      const def = workQueues.find((q) => q.name === consumer)!;
      return (await sqs.send(new GetQueueUrlCommand({ QueueName: deadLetterQueueName(prefix, def) }))).QueueUrl!;
    },
    run(reconcilers: Reconciler[], extra: Partial<EventRunnerOptions> = {}): EventRunner {
      const runner = startEventRunner({
        dynamo, streams, sqs, tableName, queueUrls, store, reconcilers, metrics, clock: systemClock,
        log: (e) => logs.push(e), resyncIntervalMs: 0, ...extra,
      });
      runners.push(runner);
      return runner;
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      dynamo.destroy();
      streams.destroy();
      sqs.destroy();
    },
  };
}

/** Polls until `check` holds; fails with `what` after the deadline. Never a fixed sleep. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function replicaSet(name: string, replicas = 1) {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  };
}
