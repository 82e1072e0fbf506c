// The clients skiff builds skip the SDK logging middleware's record: with the default
// (do-nothing) logger, every request and response is still copied through the
// sensitive-field filter; with quietSdkLogger, the filter is never called. Real clients
// against DynamoDB Local; the filter is swapped for a counter through the context the
// logging middleware reads it from.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { quietSdkLogger } from '../../lib/core/sdk-logger.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { freshDynamoStore } from '../support/dynamo.ts';

/** Sends one GetItem and counts the log-filter calls the logging middleware makes. */
async function filterCallsForOneGet(client: DynamoDBClient, tableName: string): Promise<number> {
  let calls = 0;
  client.middlewareStack.add((next, context) => (args) => {
    const ctx = context as { inputFilterSensitiveLog?: (x: unknown) => unknown; outputFilterSensitiveLog?: (x: unknown) => unknown };
    ctx.inputFilterSensitiveLog = (x) => { calls++; return x; };
    ctx.outputFilterSensitiveLog = (x) => { calls++; return x; };
    return next(args);
  }, { step: 'build', name: 'countLogFilters' });
  await DynamoDBDocumentClient.from(client).send(new GetCommand({ TableName: tableName, Key: { pk: 'none', sk: 'none' } }));
  return calls;
}

describe('AWS SDK logger', () => {
  it('the default logger makes the middleware filter each request; the quiet one does not', async () => {
    const { tableName } = await freshDynamoStore();
    const endpoint = inject('dynamodbEndpoint');
    const base: DynamoDBClientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint };
    expect(await filterCallsForOneGet(new DynamoDBClient(base), tableName)).toBeGreaterThan(0);
    expect(await filterCallsForOneGet(new DynamoDBClient({ ...base, logger: quietSdkLogger }), tableName)).toBe(0);
    expect(await filterCallsForOneGet(localDynamoClient(endpoint), tableName)).toBe(0);
  });
});
