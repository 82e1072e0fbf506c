// A queue message names an object, never carries its state (level-triggered reconcilers
// re-read it). The key is "<group>/<resource>/<namespace>/<name>" with empty parts for the
// core group and cluster-scoped objects: printable, unique, and parseable back.
import { createHash } from 'node:crypto';
import type { GroupResource } from '../api/errors.ts';

export interface WorkKey {
  group: string;
  resource: string;
  namespace?: string;
  name: string;
}

export function encodeKey(k: WorkKey): string {
  return `${k.group}/${k.resource}/${k.namespace ?? ''}/${k.name}`;
}

export function decodeKey(text: string): WorkKey {
  const parts = text.split('/');
  if (parts.length !== 4 || !parts[1] || !parts[3]) throw new Error(`malformed work key "${text}"`);
  const [group, resource, namespace, name] = parts as [string, string, string, string];
  return namespace ? { group, resource, namespace, name } : { group, resource, name };
}

export function keyFor(resource: GroupResource, meta: { namespace?: string; name?: string }): WorkKey {
  const key: WorkKey = { group: resource.group, resource: resource.resource, name: meta.name ?? '' };
  if (meta.namespace) key.namespace = meta.namespace;
  return key;
}

/** What a work queue message carries. */
export interface WorkMessage {
  key: string;
  /** The revision of the change that caused it (absent for resync and requeue). */
  rv?: string;
  /** Why it was sent: a stream change, a periodic resync, or a reconciler's requeue-after. */
  cause: 'change' | 'resync' | 'requeue';
}

/** SQS FIFO limits MessageGroupId and MessageDeduplicationId to 128 characters. */
const MAX_SQS_ID = 128;

/** Per-key ordering: one group per object, so no two workers reconcile it at once. */
export function messageGroupId(key: string): string {
  return key.length <= MAX_SQS_ID ? key : `h:${sha256(key)}`;
}

/**
 * Collapses duplicates of the same change (a replayed stream batch) but never a later
 * change: the id is the key plus the revision. Resyncs and requeues use their own round.
 */
export function deduplicationId(key: string, discriminator: string): string {
  return sha256(`${key}@${discriminator}`);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
