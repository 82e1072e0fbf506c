// Picks and claims ClusterIPs. A claim is the conditional create of the address's
// reservation (ip-reservations.ts), so an allocation that loses a race simply tries
// another address: no lock, no shared counter, correct with any number of concurrent
// apiservers (Lambda instances) on DynamoDB.
//
// Random probes come first: in a sparse range nearly every first probe wins and
// concurrent allocators rarely collide. After a few misses the range is crowded, so the
// taken addresses are read (one query) and the free ones are tried from a random start,
// as kube's allocator scans its bitmap; every address is tried at most once.
import { randomInt } from 'node:crypto';
import { InternalError } from '../../api/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { listReservations, reserve, type ServiceRef } from './ip-reservations.ts';
import { dynamicOffsets, ipAt, type ServiceCidr } from './service-cidr.ts';

const RANDOM_PROBES = 8;

/** A uniform integer in [0, n). Injected by tests that want collisions. */
export type RandomInt = (n: number) => number;

export async function allocateClusterIP(store: ObjectStore, cidr: ServiceCidr, parent: ServiceRef, random: RandomInt = randomInt): Promise<string> {
  const { first, last } = dynamicOffsets(cidr);
  const count = last - first + 1;
  const tried = new Set<string>();
  for (let i = 0; i < Math.min(RANDOM_PROBES, count); i++) {
    const ip = ipAt(cidr, first + random(count));
    if (tried.has(ip)) continue;
    tried.add(ip);
    if (await reserve(store, ip, parent)) return ip;
  }
  const taken = new Set((await listReservations(store)).map((r) => r.ip));
  const start = random(count);
  for (let i = 0; i < count; i++) {
    const ip = ipAt(cidr, first + ((start + i) % count));
    if (taken.has(ip) || tried.has(ip)) continue;
    if (await reserve(store, ip, parent)) return ip;
  }
  throw new InternalError('Internal error occurred: failed to allocate a serviceIP: range is full');
}
