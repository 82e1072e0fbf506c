// Objects that expire on their own. kube-apiserver stores Events with an etcd lease of
// --event-ttl (1 h), renewed by every write; here the same deadline goes into the item's
// `expiresAt` (the table's DynamoDB TTL attribute, shared with tombstones). DynamoDB
// deletes expired items only eventually (typically within days; DynamoDB Local never),
// so the stores also treat an item past its deadline as absent on every read, and let a
// create take its name.
import type { GroupResource } from '../api/errors.ts';

/** Seconds an object of this resource lives after each write, or undefined: forever. */
export type TtlPolicy = (resource: GroupResource) => number | undefined;

/** kube-apiserver's default --event-ttl. */
export const EVENT_TTL_SECONDS = 3600;

/** What kube-apiserver expires: core/v1 and events.k8s.io Events (they are the same objects). */
export const kubeTtlPolicy: TtlPolicy = (r) =>
  r.resource === 'events' && (r.group === '' || r.group === 'events.k8s.io') ? EVENT_TTL_SECONDS : undefined;

export function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** The expiresAt of an object written now, or undefined for a resource that never expires. */
export function expiryFor(policy: TtlPolicy, resource: GroupResource, now: Date): number | undefined {
  const ttl = policy(resource);
  return ttl === undefined ? undefined : epochSeconds(now) + ttl;
}

/** Past its deadline (to the second, as DynamoDB TTL compares). */
export function isExpired(expiresAt: number | undefined, now: Date): boolean {
  return expiresAt !== undefined && expiresAt <= epochSeconds(now);
}
