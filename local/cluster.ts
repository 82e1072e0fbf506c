// The embedded local cluster: DynamoDB Local, the SQS emulator, the table and queues, the
// apiserver over HTTPS with its CA, admin token and kubeconfig (and, as later issues land,
// the event-source runner). Everything started here is stopped by stop(), in reverse order.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalApiServer } from './apiserver.ts';
import { localDynamoClient, localSqsClient, localStreamsClient } from './aws-clients.ts';
import { systemClock } from '../lib/core/clock.ts';
import type { Reconciler } from '../lib/pipeline/reconciler.ts';
import { startEventRunner } from './event-runner/runner.ts';
import { randomBytes } from 'node:crypto';
import { issueToken } from '../lib/auth/issue-token.ts';
import { nodeUser } from '../lib/auth/tokens.ts';
import { SqsWorkQueue } from '../lib/queue/sqs-work-queue.ts';
import { builtinControllers } from '../lib/controllers/builtin.ts';
import { startLocalAgents } from './agent-command.ts';
import { ensureQueues, ensureTable } from './bootstrap.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startSqsEmulator } from './sqs-emulator.ts';
import type { UsageMeter } from './usage-meter.ts';

export const TABLE_NAME = 'skiff-objects';
export const QUEUE_PREFIX = 'skiff';

export interface ClusterOptions {
  home: string;
  inMemory?: boolean;
  port?: number;
  dynamodbPort?: number;
  sqsPort?: number;
  log?: (entry: Record<string, unknown>) => void;
  /** How often every consumer's objects are re-enqueued (default 5 minutes). */
  resyncIntervalMs?: number;
  /** The consumers this cluster runs; default: the built-in controllers and the scheduler. */
  reconcilers?: readonly Reconciler[];
  /** Node agents run in this process (local-1 … local-N). */
  nodes?: number;
  runtime?: 'process' | 'docker' | 'simulated';
  /** Simulated runtime: how long a container takes to turn Running (default 1000 ms). */
  startDelayMs?: number;
  /** Counts billable requests on this cluster's clients (`npm run bench`'s cost model). */
  meter?: UsageMeter;
}

export interface Cluster {
  home: string;
  apiUrl: string;
  kubeconfigPath: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queueUrls: Record<string, string>;
  stop(): Promise<void>;
}

/** What `skiff token create` and other commands read to find a running cluster. */
export interface ClusterFile {
  pid: number;
  apiUrl: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
}

export const CLUSTER_FILE = 'cluster.json';

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const ddb = await startDynamoDbLocal({
      dataDir: opts.inMemory ? undefined : join(opts.home, 'dynamodb'),
      stateDir: opts.home,
      port: opts.dynamodbPort,
    });
    stops.push(() => ddb.stop());
    const sqs = await startSqsEmulator({ port: opts.sqsPort });
    stops.push(() => sqs.stop());

    const dynamo = localDynamoClient(ddb.endpoint);
    stops.push(async () => dynamo.destroy());
    const sqsClient = localSqsClient(sqs.endpoint);
    stops.push(async () => sqsClient.destroy());
    opts.meter?.attachDynamo(dynamo);
    opts.meter?.attachSqs(sqsClient);
    await ensureTable(dynamo, TABLE_NAME);
    const queueUrls = await ensureQueues(sqsClient, QUEUE_PREFIX);

    const server = await startLocalApiServer({ dynamo, tableName: TABLE_NAME, home: opts.home, port: opts.port ?? 6443, log: opts.log, onRequest: opts.meter && ((ms) => opts.meter!.apiRequest(ms)) });
    stops.push(() => server.stop());

    const streams = localStreamsClient(ddb.endpoint);
    stops.push(async () => streams.destroy());
    opts.meter?.attachStreams(streams);
    const queue = new SqsWorkQueue(sqsClient, queueUrls);
    const runner = startEventRunner({
      dynamo, streams, sqs: sqsClient, tableName: TABLE_NAME, queueUrls, store: server.deps.ctx.store, changeLog: server.deps.ctx.changes,
      reconcilers: opts.reconcilers ?? builtinControllers(server.deps.ctx, queue, { rootCaPem: server.caCertPem }), metrics: server.deps.metrics, clock: systemClock,
      log: opts.log ?? (() => undefined), resyncIntervalMs: opts.resyncIntervalMs,
    });
    stops.push(() => runner.stop());

    if (opts.nodes) {
      const agents = await startLocalAgents({
        apiUrl: server.url, caPem: server.caCertPem, count: opts.nodes, runtime: opts.runtime ?? 'process', home: opts.home, startDelayMs: opts.startDelayMs,
        tokenFor: (node) => issueToken(server.deps.tokens, nodeUser(node), new Date(), randomBytes),
        log: opts.log,
      });
      stops.push(() => agents.stop());
    }
    const clusterFile: ClusterFile = { pid: process.pid, apiUrl: server.url, dynamodbEndpoint: ddb.endpoint, sqsEndpoint: sqs.endpoint, tableName: TABLE_NAME };
    writeFileSync(join(opts.home, CLUSTER_FILE), JSON.stringify(clusterFile, null, 2));
    stops.push(async () => rmSync(join(opts.home, CLUSTER_FILE), { force: true }));

    return {
      home: opts.home,
      apiUrl: server.url,
      kubeconfigPath: server.kubeconfigPath,
      dynamodbEndpoint: ddb.endpoint,
      sqsEndpoint: sqs.endpoint,
      tableName: TABLE_NAME,
      queueUrls,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
