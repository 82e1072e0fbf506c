import { describe, expect, it } from 'vitest';
import type { Usage } from '../../../local/usage-meter.ts';
import {
  APISERVER_MEMORY_GB, ASSUMED_HANDLER_MS, DYNAMODB_USD_PER_READ_UNIT, DYNAMODB_USD_PER_WRITE_UNIT, HANDLER_MEMORY_GB,
  LAMBDA_USD_PER_GB_SECOND, LAMBDA_USD_PER_INVOCATION, SQS_USD_PER_REQUEST, costOf, usageBetween,
} from '../../../bench/lib/cost.ts';

function usage(over: Partial<{ w: number; t: number; r: number; sqs: number; empty: number; api: number; apiMs: number; fanout: number; consumers: number }> = {}): Usage {
  return {
    dynamo: { requests: { PutItem: over.w ?? 0 }, readUnits: over.r ?? 0, writeUnits: (over.w ?? 0) + (over.t ?? 0), transactWriteUnits: over.t ?? 0 },
    streams: { requests: { GetRecords: 5 } },
    sqs: { requests: { SendMessageBatch: over.sqs ?? 0, ReceiveMessage: over.empty ?? 0 }, emptyReceives: over.empty ?? 0 },
    lambda: { apiserver: over.api ?? 0, apiserverMs: over.apiMs ?? 0, fanout: over.fanout ?? 0, consumers: over.consumers ?? 0 },
  };
}

describe('bench cost model', () => {
  it('prices write and read units, doubling transactional writes', () => {
    const c = costOf(usage({ w: 10, t: 4, r: 8 }));
    expect(c.dynamodbUsd).toBeCloseTo((10 + 4 * 2) * DYNAMODB_USD_PER_WRITE_UNIT + 8 * DYNAMODB_USD_PER_READ_UNIT, 15);
  });

  it('prices SQS requests but not empty long polls', () => {
    expect(costOf(usage({ sqs: 3, empty: 100 })).sqsUsd).toBeCloseTo(3 * SQS_USD_PER_REQUEST, 15);
  });

  it('prices Lambda invocations and duration: measured for the apiserver, assumed for handlers', () => {
    const c = costOf(usage({ api: 2, apiMs: 500, fanout: 1, consumers: 3 }));
    const expected = 6 * LAMBDA_USD_PER_INVOCATION + 0.5 * APISERVER_MEMORY_GB * LAMBDA_USD_PER_GB_SECOND +
      ((4 * ASSUMED_HANDLER_MS) / 1000) * HANDLER_MEMORY_GB * LAMBDA_USD_PER_GB_SECOND;
    expect(c.lambdaUsd).toBeCloseTo(expected, 15);
    expect(c.totalUsd).toBeCloseTo(c.dynamodbUsd + c.sqsUsd + c.lambdaUsd, 15);
  });

  it('subtracts snapshots field by field, dropping operations that did not move', () => {
    const d = usageBetween(usage({ w: 2, api: 1 }), usage({ w: 5, api: 4, sqs: 2 }));
    expect(d.dynamo.requests).toEqual({ PutItem: 3 });
    expect(d.dynamo.writeUnits).toBe(3);
    expect(d.streams.requests).toEqual({});
    expect(d.sqs.requests).toEqual({ SendMessageBatch: 2 });
    expect(d.lambda.apiserver).toBe(3);
  });
});
