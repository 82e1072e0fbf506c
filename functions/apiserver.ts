// Lambda entry point for the apiserver: build deps once per container, hand every event
// to the same Hono app `skiff up` serves.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handle } from 'hono/aws-lambda';
import { createApiServer } from '../lib/apiserver/app.ts';
import { systemClock } from '../lib/core/clock.ts';
import { randomIds } from '../lib/core/ids.ts';
import { buildDeps } from '../lib/deps.ts';
import { requiredEnv } from './env.ts';

const deps = buildDeps({
  dynamo: new DynamoDBClient({}),
  tableName: requiredEnv('TABLE_NAME'),
  clock: systemClock,
  ids: randomIds,
  log: (entry) => console.log(JSON.stringify(entry)),
});

export const handler = handle(createApiServer(deps.api));
