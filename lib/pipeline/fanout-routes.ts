// Fanout routing: one stored change → the (queue, key) pairs of the consumers that must
// reconcile because of it. Pure: no I/O and no clock, so a replayed stream batch yields
// the same routes and the same SQS deduplication ids. Each consumer's rules live in
// routes/<consumer>.ts, after the informer event handlers of the kube controller it
// mirrors; a message names an object and never carries its state.
import type { GroupResource } from '../api/errors.ts';
import type { Change } from './routes/change.ts';
import { deploymentKeys } from './routes/deployment.ts';
import { endpointsKeys } from './routes/endpoints.ts';
import { garbageCollectorKeys } from './routes/garbage-collector.ts';
import { namespaceKeys } from './routes/namespace.ts';
import { nodeLifecycleKeys } from './routes/node-lifecycle.ts';
import { replicaSetKeys } from './routes/replicaset.ts';
import { schedulerKeys } from './routes/scheduler.ts';
import { encodeKey, type WorkKey } from './work-key.ts';

export type { Change } from './routes/change.ts';

export interface Route {
  /** A consumer's name, as in lib/queue/queue-definitions.ts (not the SQS queue name). */
  queue: string;
  key: WorkKey;
}

interface Consumer {
  queue: string;
  /**
   * The resources its keys can name, so a consumer can dispatch on (and reject) what it
   * receives; 'any' for the garbage collector, which is sent every kind.
   */
  keyResources: readonly GroupResource[] | 'any';
  keys(change: Change): WorkKey[];
}

const core = (resource: string): GroupResource => ({ group: '', resource });
const apps = (resource: string): GroupResource => ({ group: 'apps', resource });

/** In the order of lib/queue/queue-definitions.ts; routes come out in this order. */
const CONSUMERS: readonly Consumer[] = [
  { queue: 'scheduler', keyResources: [core('pods'), core('nodes')], keys: schedulerKeys },
  { queue: 'replicaset', keyResources: [apps('replicasets'), core('pods')], keys: replicaSetKeys },
  { queue: 'deployment', keyResources: [apps('deployments'), apps('replicasets')], keys: deploymentKeys },
  { queue: 'garbagecollector', keyResources: 'any', keys: garbageCollectorKeys },
  { queue: 'namespace', keyResources: [core('namespaces')], keys: namespaceKeys },
  { queue: 'nodelifecycle', keyResources: [core('nodes')], keys: nodeLifecycleKeys },
  { queue: 'endpoints', keyResources: [core('services'), core('pods')], keys: endpointsKeys },
];

/** Which resources each consumer's keys can name. */
export const CONSUMER_KEY_RESOURCES: Readonly<Record<string, readonly GroupResource[] | 'any'>> = Object.freeze(
  Object.fromEntries(CONSUMERS.map((c) => [c.queue, c.keyResources])),
);

/**
 * Events are never routed: no controller reconciles them, and they are the most frequent
 * writes in a cluster, so routing them (even their TTL deletions) would only add load.
 */
const NEVER_ROUTED: readonly GroupResource[] = [core('events'), { group: 'events.k8s.io', resource: 'events' }];

/** Routes for one change: each (queue, key) once, by consumer order then key text. */
export function routeChange(change: Change): Route[] {
  const r = change.resource;
  if (NEVER_ROUTED.some((n) => n.group === r.group && n.resource === r.resource)) return [];
  if (!change.old && !change.new) return [];
  const routes: Route[] = [];
  for (const consumer of CONSUMERS) {
    const byText = new Map<string, WorkKey>();
    for (const key of consumer.keys(change)) byText.set(encodeKey(key), key);
    const sorted = [...byText].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, key] of sorted) routes.push({ queue: consumer.queue, key });
  }
  return routes;
}
