// What every Lambda builds once per container: SDK clients and the deps object, from the
// environment the CDK stack sets (TABLE_NAME, QUEUE_URLS as a JSON map of name → URL).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from '../lib/core/clock.ts';
import { randomIds } from '../lib/core/ids.ts';
import { quietSdkLogger } from '../lib/core/sdk-logger.ts';
import { buildDeps } from '../lib/deps.ts';
import { SqsWorkQueue } from '../lib/queue/sqs-work-queue.ts';
import { requiredEnv } from './env.ts';

export const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));

export function awsDeps() {
  const deps = buildDeps({ dynamo: new DynamoDBClient({ logger: quietSdkLogger }), tableName: requiredEnv('TABLE_NAME'), clock: systemClock, ids: randomIds, log });
  const queueUrls = JSON.parse(process.env['QUEUE_URLS'] ?? '{}') as Record<string, string>;
  const queue = new SqsWorkQueue(new SQSClient({ logger: quietSdkLogger }), queueUrls);
  return { ...deps, queue, clock: systemClock };
}
