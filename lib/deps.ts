// The one deps object: clients and effects in, everything the control plane needs out.
// functions/ (Lambda) and local/ (skiff up) each build it once from their own clients.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiServerDeps } from './apiserver/app.ts';
import { allowAuthenticated, createBearerAuthenticator } from './auth/authenticator.ts';
import type { Clock } from './core/clock.ts';
import type { IdSource } from './core/ids.ts';
import { builtinRegistry } from './registry/builtin.ts';
import type { RegistryContext } from './registry/generic/context.ts';
import { DynamoStore } from './storage/dynamo-store.ts';
import { DynamoTokenStore } from './storage/dynamo-token-store.ts';
import { DynamoQueueMetrics } from './storage/dynamo-queue-metrics.ts';
import type { QueueMetrics } from './observability/queue-metrics.ts';

export interface Deps {
  ctx: RegistryContext;
  tokens: DynamoTokenStore;
  metrics: QueueMetrics;
  api: ApiServerDeps;
}

export interface DepsInput {
  dynamo: DynamoDBClient;
  tableName: string;
  clock: Clock;
  ids: IdSource;
  log?: (entry: Record<string, unknown>) => void;
}

export function buildDeps(input: DepsInput): Deps {
  const { dynamo, tableName, clock, ids } = input;
  const ctx: RegistryContext = {
    store: new DynamoStore({ client: dynamo, tableName, clock, ids }),
    registry: builtinRegistry(),
    clock,
    ids,
  };
  const tokens = new DynamoTokenStore(dynamo, tableName);
  const metrics = new DynamoQueueMetrics(dynamo, tableName);
  return { ctx, tokens, metrics, api: { ctx, authenticator: createBearerAuthenticator(tokens), authorizer: allowAuthenticated, log: input.log, metrics } };
}
