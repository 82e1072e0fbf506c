// What the store itself guarantees about metadata, as pure functions: every stored object
// has a uid, a creationTimestamp and the revision it was written at. Everything else,
// metadata.generation included, is stored as given: which kinds have a generation and when
// it moves is the registry's per-kind rule (lib/registry/generic/generation.ts).
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
  meta.resourceVersion = stamp.revision.toString();
  return { ...obj, metadata: meta };
}

export function stampUpdate(next: KubeObject, stored: KubeObject, revision: bigint): KubeObject {
  const meta = { ...next.metadata };
  meta.uid = stored.metadata.uid;
  meta.creationTimestamp = stored.metadata.creationTimestamp;
  meta.resourceVersion = revision.toString();
  return { ...next, metadata: meta };
}

export function parseRevision(rv: string | undefined): bigint | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) return undefined;
  return BigInt(rv);
}
