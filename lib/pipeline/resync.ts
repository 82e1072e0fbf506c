// The periodic resync: every consumer gets a key for every object it owns, so a lost
// message (or an emulator restart, which loses every queued message) only delays
// convergence. Each round has its own deduplication id, so a resync is never swallowed
// by the deduplication window of an earlier message for the same key.
import type { GroupResource } from '../api/errors.ts';
import { parseFieldSelector } from '../api/selectors/field-selector.ts';
import type { KubeObject, ListOptions, ObjectStore } from '../storage/object-store.ts';
import type { OutgoingMessage, WorkQueue } from '../queue/work-queue.ts';
import { sendAll } from '../queue/work-queue.ts';
import { deduplicationId, encodeKey, keyFor, messageGroupId, type WorkMessage } from './work-key.ts';

export interface ResyncSource {
  resource: GroupResource;
  /** Narrows the list (e.g. the scheduler owns only unscheduled pods). */
  list?: ListOptions;
  /** Narrows further where a selector cannot (e.g. objects that have owners). */
  keep?: (obj: KubeObject) => boolean;
}

const pods = { group: '', resource: 'pods' };
const hasOwners = (o: KubeObject) => Boolean(o.metadata.ownerReferences?.length);

export const RESYNC_SOURCES: Readonly<Record<string, readonly ResyncSource[]>> = {
  scheduler: [{ resource: pods, list: { fieldSelector: parseFieldSelector('spec.nodeName=') } }],
  replicaset: [{ resource: { group: 'apps', resource: 'replicasets' } }],
  deployment: [{ resource: { group: 'apps', resource: 'deployments' } }],
  garbagecollector: [
    { resource: pods, keep: hasOwners },
    { resource: { group: 'apps', resource: 'replicasets' }, keep: hasOwners },
    { resource: { group: '', resource: 'endpoints' }, keep: hasOwners },
  ],
  // Every namespace: live ones have their defaults checked, Terminating ones are emptied.
  namespace: [{ resource: { group: '', resource: 'namespaces' } }],
  nodelifecycle: [{ resource: { group: '', resource: 'nodes' } }],
  endpoints: [{ resource: { group: '', resource: 'services' } }],
};

const PAGE = 500;

/** Enqueues every owned object for each consumer; returns how many keys each got. */
export async function resync(
  deps: { store: ObjectStore; queue: WorkQueue },
  consumers: readonly string[],
  round: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const consumer of consumers) {
    let sentForConsumer = 0;
    for (const source of RESYNC_SOURCES[consumer] ?? []) {
      let continueToken: string | undefined;
      do {
        const page = await deps.store.list(source.resource, { ...source.list, limit: PAGE, continue: continueToken });
        const messages = page.items.filter((o) => source.keep?.(o) ?? true).map((o) => resyncMessage(encodeKey(keyFor(source.resource, o.metadata)), round));
        const failed = await sendAll(deps.queue, consumer, messages);
        if (failed.length) throw new Error(`resync could not enqueue ${failed.length} keys for ${consumer}; the next round retries`);
        sentForConsumer += messages.length;
        continueToken = page.continue;
      } while (continueToken);
    }
    counts[consumer] = sentForConsumer;
  }
  return counts;
}

export function resyncMessage(key: string, round: string): OutgoingMessage {
  const body: WorkMessage = { key, cause: 'resync' };
  return { body: JSON.stringify(body), groupId: messageGroupId(key), deduplicationId: deduplicationId(key, `resync@${round}`) };
}
