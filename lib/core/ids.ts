// Identifiers, and the one random choice (the scheduler's pick among equally good nodes),
// are injected for the same reason as the clock: tests pin them.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export interface IdSource {
  /** A new object uid (RFC 4122 v4, as kube-apiserver issues). */
  uid(): string;
  /** A random suffix for generateName: 5 characters from kube's consonant-heavy alphabet. */
  nameSuffix(): string;
  /** A random index below `count`: the scheduler's pick among equally good nodes. */
  pickIndex(count: number): number;
}

// kube avoids vowels (and look-alikes) so generated names never spell words.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export const randomIds: IdSource = {
  uid: () => randomUUID(),
  nameSuffix: () => {
    const bytes = randomBytes(5);
    let s = '';
    for (const b of bytes) s += SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length];
    return s;
  },
  pickIndex: (count) => randomInt(count),
};
