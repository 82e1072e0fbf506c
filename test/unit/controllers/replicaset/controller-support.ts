// Helpers for the reconciler tests on the in-memory store: manifests, a store whose pod
// list is frozen (a stale read or a replayed message's view), pod readiness as a node
// would report it, and Lambda-shaped SQS records for driving the queue handler.
import type { SQSRecord } from 'aws-lambda';
import { rfc3339 } from '../../../../lib/core/clock.ts';
import type { RegistryContext } from '../../../../lib/registry/generic/context.ts';
import { updateFrom } from '../../../../lib/registry/generic/update.ts';
import type { KubeObject, ObjectStore } from '../../../../lib/storage/object-store.ts';

export const signal = new AbortController().signal;
export const PODS = { group: '', resource: 'pods' };
export const RSS = { group: 'apps', resource: 'replicasets' };
export const EVENTS = { group: '', resource: 'events' };

export function rsManifest(name: string, replicas: number, extra: { minReadySeconds?: number; labels?: Record<string, string> } = {}) {
  const labels = extra.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' },
    spec: {
      replicas, minReadySeconds: extra.minReadySeconds ?? 0, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
    },
  };
}

export function podManifest(name: string, labels: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'x' }] } };
}

export async function pods(ctx: RegistryContext): Promise<KubeObject[]> {
  return (await ctx.store.list(PODS, { namespace: 'default' })).items;
}

export async function podsOwnedBy(ctx: RegistryContext, uid: string | undefined): Promise<KubeObject[]> {
  return (await pods(ctx)).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid));
}

export async function events(ctx: RegistryContext, reason: string): Promise<KubeObject[]> {
  return (await ctx.store.list(EVENTS, { namespace: 'default' })).items.filter((e) => e['reason'] === reason);
}

/** Running and Ready now, as an agent reports it through the status subresource. */
export async function markReady(ctx: RegistryContext, name: string, at = ctx.clock.now()): Promise<void> {
  const current = await ctx.store.get({ resource: PODS, namespace: 'default', name });
  const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(at) }] };
  await updateFrom(ctx, ctx.registry.lookup('', 'v1', 'pods')!, current, { ...current, status }, { subresource: 'status' });
}

/**
 * A context whose lists of `resource` return what was listed when this was made: for the
 * first `times` lists, then current data again (a lagging read catches up).
 */
export async function staleReads(ctx: RegistryContext, resource: { group: string; resource: string }, times = Infinity): Promise<RegistryContext> {
  const frozen = await ctx.store.list(resource, { namespace: 'default' });
  let left = times;
  const list: ObjectStore['list'] = async (r, opts) => {
    if (r.group !== resource.group || r.resource !== resource.resource || left <= 0) return ctx.store.list(r, opts);
    left--;
    return structuredClone(frozen);
  };
  const store = new Proxy(ctx.store, {
    get(target, prop) {
      if (prop === 'list') return list;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx, store };
}

export function sqsRecord(id: string, key: string): SQSRecord {
  return {
    messageId: id, receiptHandle: `rh-${id}`, body: JSON.stringify({ key, cause: 'change' }),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '', SenderId: '', ApproximateFirstReceiveTimestamp: '', MessageGroupId: key },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1',
  };
}
