// What the store itself guarantees about metadata, as pure functions: every stored object
// has a uid, a creationTimestamp, a generation that moves only when spec moves, and the
// revision it was written at. Registries add kind-specific rules on top.
import { isDeepStrictEqual } from 'node:util';
import { rfc3339 } from '../core/clock.ts';
import type { KubeObject } from './object-store.ts';

export interface CreateStamp {
  revision: bigint;
  uid: string;
  now: Date;
}

export function stampCreate(obj: KubeObject, stamp: CreateStamp): KubeObject {
  const meta = { ...obj.metadata };
  meta.uid = meta.uid || stamp.uid;
  meta.creationTimestamp = meta.creationTimestamp || rfc3339(stamp.now);
  meta.generation = 1;
  meta.resourceVersion = stamp.revision.toString();
  return { ...obj, metadata: meta };
}

export function stampUpdate(next: KubeObject, stored: KubeObject, revision: bigint): KubeObject {
  const meta = { ...next.metadata };
  meta.uid = stored.metadata.uid;
  meta.creationTimestamp = stored.metadata.creationTimestamp;
  const generation = stored.metadata.generation ?? 1;
  meta.generation = specChanged(stored, next) ? generation + 1 : generation;
  meta.resourceVersion = revision.toString();
  return { ...next, metadata: meta };
}

/** Generation tracks desired state only: status and metadata writes never bump it. */
export function specChanged(before: KubeObject, after: KubeObject): boolean {
  return !isDeepStrictEqual(before['spec'], after['spec']);
}

export function parseRevision(rv: string | undefined): bigint | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) return undefined;
  return BigInt(rv);
}
