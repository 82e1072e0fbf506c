// The cost model: AWS list prices (us-east-1, on-demand, as the pricing page named beside
// each constant lists them; DynamoDB's after its November 2024 on-demand price cut) applied
// to what a run counted. Pure arithmetic; re-check the pages before quoting the figures.
import type { Usage } from '../../local/usage-meter.ts';

/** https://aws.amazon.com/dynamodb/pricing/on-demand/ — $0.625 per million write request units. */
export const DYNAMODB_USD_PER_WRITE_UNIT = 0.625 / 1e6;
/** Same page — $0.125 per million read request units. */
export const DYNAMODB_USD_PER_READ_UNIT = 0.125 / 1e6;
/** Same page: a transactional write costs two write units per KB. DynamoDB Local reports
 * the plain figure, so transactional units are doubled here. */
export const TRANSACT_WRITE_MULTIPLIER = 2;
/** https://aws.amazon.com/sqs/pricing/ — FIFO queues, $0.50 per million requests (after the
 * free tier); the standard delay queue is $0.40, priced at the FIFO rate here for simplicity. */
export const SQS_USD_PER_REQUEST = 0.5 / 1e6;
/** https://aws.amazon.com/lambda/pricing/ — arm64, $0.20 per million requests. */
export const LAMBDA_USD_PER_INVOCATION = 0.2 / 1e6;
/** Same page — arm64, $0.0000133334 per GB-second. */
export const LAMBDA_USD_PER_GB_SECOND = 0.0000133334;
/** cdk/constructs/api-endpoint.ts gives the apiserver 1024 MB; consumers get 512 MB. */
export const APISERVER_MEMORY_GB = 1;
export const HANDLER_MEMORY_GB = 0.5;
/** An assumption, not a measurement: the runner does not time fanout and consumer
 * invocations, so each is billed at this duration. The apiserver's time is measured. */
export const ASSUMED_HANDLER_MS = 100;
// DynamoDB stream reads by a Lambda trigger are free (the DynamoDB pricing page), so the
// stream poller's GetRecords calls are counted but not priced.

export interface CostBreakdown {
  dynamodbUsd: number;
  sqsUsd: number;
  lambdaUsd: number;
  totalUsd: number;
}

export function costOf(u: Usage): CostBreakdown {
  const writeUnits = u.dynamo.writeUnits + u.dynamo.transactWriteUnits * (TRANSACT_WRITE_MULTIPLIER - 1);
  const dynamodbUsd = writeUnits * DYNAMODB_USD_PER_WRITE_UNIT + u.dynamo.readUnits * DYNAMODB_USD_PER_READ_UNIT;
  // Empty long polls are the idle cost of a queue (time, not work): left out of per-operation figures.
  const sqsUsd = (sum(u.sqs.requests) - u.sqs.emptyReceives) * SQS_USD_PER_REQUEST;
  const handlerInvocations = u.lambda.fanout + u.lambda.consumers;
  const lambdaUsd =
    (u.lambda.apiserver + handlerInvocations) * LAMBDA_USD_PER_INVOCATION +
    (u.lambda.apiserverMs / 1000) * APISERVER_MEMORY_GB * LAMBDA_USD_PER_GB_SECOND +
    ((handlerInvocations * ASSUMED_HANDLER_MS) / 1000) * HANDLER_MEMORY_GB * LAMBDA_USD_PER_GB_SECOND;
  return { dynamodbUsd, sqsUsd, lambdaUsd, totalUsd: dynamodbUsd + sqsUsd + lambdaUsd };
}

/** What happened between two snapshots of the counters. */
export function usageBetween(before: Usage, after: Usage): Usage {
  return {
    dynamo: {
      requests: minus(before.dynamo.requests, after.dynamo.requests),
      readUnits: after.dynamo.readUnits - before.dynamo.readUnits,
      writeUnits: after.dynamo.writeUnits - before.dynamo.writeUnits,
      transactWriteUnits: after.dynamo.transactWriteUnits - before.dynamo.transactWriteUnits,
    },
    streams: { requests: minus(before.streams.requests, after.streams.requests) },
    sqs: { requests: minus(before.sqs.requests, after.sqs.requests), emptyReceives: after.sqs.emptyReceives - before.sqs.emptyReceives },
    lambda: {
      apiserver: after.lambda.apiserver - before.lambda.apiserver,
      apiserverMs: after.lambda.apiserverMs - before.lambda.apiserverMs,
      fanout: after.lambda.fanout - before.lambda.fanout,
      consumers: after.lambda.consumers - before.lambda.consumers,
    },
  };
}

export function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function minus(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d) out[k] = d;
  }
  return out;
}
