// A real apiserver over HTTPS on a fresh table of the run's shared DynamoDB Local, with
// its own home (PKI, admin token, kubeconfig). What `skiff up` serves, minus the JVM start.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalApiServer, type LocalApiServer } from '../../local/apiserver.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { ensureQueues, ensureTable } from '../../local/bootstrap.ts';
import { localSqsClient, localStreamsClient } from '../../local/aws-clients.ts';
import { startEventRunner } from '../../local/event-runner/runner.ts';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { systemClock } from '../../lib/core/clock.ts';
import type { Reconciler } from '../../lib/pipeline/reconciler.ts';

export interface TestCluster extends LocalApiServer {
  home: string;
}

/** With the event runner (fanout → change log, so watches work) and the given consumers. */
export async function startTestCluster(opts: { reconcilers?: (ctx: LocalApiServer['deps']['ctx']) => Reconciler[]; log?: (e: Record<string, unknown>) => void } = {}): Promise<TestCluster> {
  const dynamo = localDynamoClient(inject('dynamodbEndpoint'));
  const streams = localStreamsClient(inject('dynamodbEndpoint'));
  const sqs = localSqsClient(inject('sqsEndpoint'));
  const id = randomBytes(6).toString('hex');
  const tableName = `it-${id}`;
  await ensureTable(dynamo, tableName);
  const queueUrls = await ensureQueues(sqs, `it${id}`);
  const home = mkdtempSync(join(tmpdir(), 'skiff-it-'));
  const server = await startLocalApiServer({ dynamo, tableName, home, port: 0 });
  server.deps.ctx.watch = { pollMs: 50 };
  const runner = startEventRunner({
    dynamo, streams, sqs, tableName, queueUrls, store: server.deps.ctx.store, changeLog: server.deps.ctx.changes,
    reconcilers: opts.reconcilers?.(server.deps.ctx) ?? [], metrics: server.deps.metrics, clock: systemClock, log: opts.log ?? (() => undefined), resyncIntervalMs: 0,
  });
  return {
    ...server,
    home,
    stop: async () => {
      await server.stop();
      await runner.stop();
      // The run shares one DynamoDB Local and one SQS emulator: drop what this cluster made,
      // or later files (the 2000-pod scheduler test) crawl through everyone's leftovers.
      await dynamo.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      await Promise.all(Object.values(queueUrls).map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined)));
      dynamo.destroy();
      streams.destroy();
      sqs.destroy();
    },
  };
}
