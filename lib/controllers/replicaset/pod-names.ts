// Deterministic names for the pods a ReplicaSet creates, instead of generateName.
//
// Why: the design promises that duplicated or replayed queue messages never make a
// ReplicaSet own more pods than its replicas, and a Lambda consumer keeps no memory
// between invocations (or between its concurrent containers), so kube's in-process
// "expectations" cannot work here. With generateName, two passes that read the same pods
// (a replayed message, a resync racing a change, a stale read that misses a pod just
// created) would each create fresh random names and both succeed. Instead each pod name
// is `<rs-name>-<suffix>`, the suffix a hash of (ReplicaSet uid, slot), and a pass fills
// the lowest slots whose names no pod in the namespace holds. Every pass that sees the
// same pods computes the same names, so the second create of a name fails with
// AlreadyExists, which the caller counts as done: the store's conditional create is the
// lock. Names held by any pod count as taken, terminating ones included (the name is not
// free until the object is gone) and other owners' pods too (a truncated prefix can
// collide); a taken name just moves the pass on to the next slot.
import { createHash } from 'node:crypto';

/** kube's generateName alphabet: no vowels or look-alikes, so names never spell words. */
export const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const SUFFIX_LENGTH = 5;
/** kube-apiserver's maxGeneratedNameLength: a generated name stays within a 63-character label. */
const MAX_PREFIX_LENGTH = 63 - SUFFIX_LENGTH;

/** The prefix as kube-apiserver would truncate a generateName before appending its suffix. */
export function podNamePrefix(generateName: string): string {
  return generateName.length > MAX_PREFIX_LENGTH ? generateName.slice(0, MAX_PREFIX_LENGTH) : generateName;
}

/** Five characters of the alphabet, from a hash of the owner's uid and the slot number. */
export function slotSuffix(ownerUid: string, slot: number): string {
  // 27^5 < 2^32, so one 32-bit word spreads evenly enough over every suffix.
  let n = createHash('sha256').update(`${ownerUid}/${slot}`).digest().readUInt32BE(0);
  let out = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) {
    out += SUFFIX_ALPHABET[n % SUFFIX_ALPHABET.length];
    n = Math.floor(n / SUFFIX_ALPHABET.length);
  }
  return out;
}

/**
 * `count` names for new pods: the lowest slots whose names are not in `taken` (every pod
 * name in the namespace). Two slots hashing to the same suffix simply yield one name.
 */
export function podNamesForSlots(prefix: string, ownerUid: string, count: number, taken: ReadonlySet<string>): string[] {
  const names: string[] = [];
  const chosen = new Set<string>();
  for (let slot = 0; names.length < count; slot++) {
    const name = `${prefix}${slotSuffix(ownerUid, slot)}`;
    if (taken.has(name) || chosen.has(name)) continue;
    chosen.add(name);
    names.push(name);
  }
  return names;
}
