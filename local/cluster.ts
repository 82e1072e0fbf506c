// The embedded local cluster: DynamoDB Local, the SQS emulator, the table and queues, and
// (as later issues land) the apiserver and the event-source runner. Everything started
// here is stopped by stop(), in reverse order.
import { join } from 'node:path';
import { ensureQueues, ensureTable } from './bootstrap.ts';
import { localDynamoClient, localSqsClient } from './aws-clients.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startSqsEmulator } from './sqs-emulator.ts';

export const TABLE_NAME = 'skiff-objects';
export const QUEUE_PREFIX = 'skiff';

export interface ClusterOptions {
  home: string;
  inMemory?: boolean;
  port?: number;
  dynamodbPort?: number;
  sqsPort?: number;
}

export interface Cluster {
  home: string;
  apiPort: number;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queueUrls: Record<string, string>;
  stop(): Promise<void>;
}

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
    await ensureTable(dynamo, TABLE_NAME);
    const queueUrls = await ensureQueues(sqsClient, QUEUE_PREFIX);

    return {
      home: opts.home,
      apiPort: opts.port ?? 6443,
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
