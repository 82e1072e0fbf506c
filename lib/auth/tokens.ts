// Bearer tokens: a random secret shown to its owner once and stored only as a SHA-256 hash,
// so a leaked table or backup does not leak working credentials.
//
// Format: `skiff.<id>.<secret>`
//   - `skiff.` makes tokens recognisable to secret scanners and in logs.
//   - `<id>` is 8 lowercase hex characters (not secret): storage finds the record by id in
//     one keyed read instead of scanning every hash.
//   - `<secret>` is 32 random bytes, base64url (43 characters, no padding).
// A plain SHA-256 (no salt, no slow KDF) is the right hash here: the input already carries
// 256 bits of entropy, so there is nothing for a dictionary or brute-force attack to exploit.

import { createHash, timingSafeEqual } from 'node:crypto';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface TokenRecord {
  id: string;
  /** hashToken(token): lowercase SHA-256 hex of the whole token string. */
  hash: string;
  user: UserInfo;
  /** RFC 3339 timestamp, for operators listing or pruning tokens. */
  createdAt: string;
}

const PREFIX = 'skiff';
const ID_BYTES = 4;
const SECRET_BYTES = 32;
// The upper bound on the secret only caps how much input a request can make us hash.
const TOKEN_PATTERN = /^skiff\.([0-9a-f]{8})\.([A-Za-z0-9_-]{43,128})$/;

/** Mints a token from `random` (pass node:crypto's randomBytes; tests pass a fixed source). */
export function newToken(random: (bytes: number) => Uint8Array): { token: string; id: string } {
  const id = Buffer.from(randomExactly(random, ID_BYTES)).toString('hex');
  const secret = Buffer.from(randomExactly(random, SECRET_BYTES)).toString('base64url');
  return { token: `${PREFIX}.${id}.${secret}`, id };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The id if `token` is well formed; undefined otherwise (the caller must not say why). */
export function parseToken(token: string): { id: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  const id = match?.[1];
  return id === undefined ? undefined : { id };
}

/**
 * Whether `token` is the one `record` was minted for. The hashes are compared in constant
 * time so response timing reveals nothing about how many leading bytes were right.
 */
export function tokenMatches(token: string, record: TokenRecord): boolean {
  const parsed = parseToken(token);
  if (!parsed || parsed.id !== record.id) return false;
  const expected = Buffer.from(record.hash, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  // A corrupt stored hash decodes to the wrong length; timingSafeEqual would throw on it.
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(expected, actual);
}

/** The bootstrap administrator: system:masters is the group RBAC will grant everything to. */
export function adminUser(): UserInfo {
  return { name: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] };
}

/** A node agent's identity, named the way kubelets are so node-scoped rules can match it later. */
export function nodeUser(nodeName: string): UserInfo {
  return { name: `system:node:${nodeName}`, groups: ['system:nodes', 'system:authenticated'] };
}

/** A short or reused buffer from a broken random source would mint guessable tokens; refuse it. */
function randomExactly(random: (bytes: number) => Uint8Array, bytes: number): Uint8Array {
  const out = random(bytes);
  if (out.length !== bytes) throw new Error(`random source returned ${out.length} bytes, expected ${bytes}`);
  return out;
}
