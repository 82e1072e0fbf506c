// The one deps object: clients and effects in, everything the control plane needs out.
// functions/ (Lambda) and local/ (skiff up) each build it once from their own clients.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiServerDeps } from './apiserver/app.ts';
import { allowAuthenticated, createBearerAuthenticator } from './auth/authenticator.ts';
import { cachingTokenLookup } from './auth/token-cache.ts';
import type { Clock } from './core/clock.ts';
import type { IdSource } from './core/ids.ts';
import { builtinRegistry } from './registry/builtin.ts';
import type { RegistryContext } from './registry/generic/context.ts';
import { DynamoStore } from './storage/dynamo-store.ts';
import { DynamoChangeLog } from './storage/dynamo-change-log.ts';
import { changesTableName } from './storage/table-definition.ts';
import { NamespaceCache } from './registry/generic/namespace-cache.ts';
import { DynamoNodeAccounting } from './storage/dynamo-node-accounting.ts';
import { DynamoTokenStore } from './storage/dynamo-token-store.ts';
import { DynamoPodLogStore } from './storage/dynamo-pod-logs.ts';
import type { PodLogStore } from './storage/pod-log-store.ts';
import { DynamoQueueMetrics } from './storage/dynamo-queue-metrics.ts';
import type { QueueMetrics } from './observability/queue-metrics.ts';

export interface Deps {
  ctx: RegistryContext;
  tokens: DynamoTokenStore;
  metrics: QueueMetrics;
  /** Container output pushed by node agents, served by pods/log. */
  podLogs: PodLogStore;
  api: ApiServerDeps;
}

export interface DepsInput {
  dynamo: DynamoDBClient;
  tableName: string;
  clock: Clock;
  ids: IdSource;
  log?: (entry: Record<string, unknown>) => void;
}

/** How long an apiserver container trusts a token record it read (see auth/token-cache.ts). */
const TOKEN_CACHE_MS = 60_000;

export function buildDeps(input: DepsInput): Deps {
  const { dynamo, tableName, clock, ids } = input;
  const changes = new DynamoChangeLog(dynamo, changesTableName(tableName), clock);
  const store = new DynamoStore({ client: dynamo, tableName, clock, ids, changeLog: changes });
  const ctx: RegistryContext = {
    store,
    accounting: new DynamoNodeAccounting(dynamo, tableName, store),
    registry: builtinRegistry(),
    clock,
    ids,
    changes,
    namespaces: new NamespaceCache(),
  };
  const tokens = new DynamoTokenStore(dynamo, tableName);
  const metrics = new DynamoQueueMetrics(dynamo, tableName);
  const podLogs = new DynamoPodLogStore({ client: dynamo, tableName, clock });
  return { ctx, tokens, metrics, podLogs, api: { ctx, authenticator: createBearerAuthenticator(cachingTokenLookup(tokens, { ttlMs: TOKEN_CACHE_MS, maxEntries: 10_000, now: () => clock.now().getTime() })), authorizer: allowAuthenticated, log: input.log, metrics, podLogs } };
}
