// Remembers token records the lookup found, for a short while, so an apiserver container
// authenticates its callers without a DynamoDB read per request (kube-apiserver caches
// token authentication the same way). Only found records are kept: an unknown id is always
// looked up again, so a freshly minted token works at once. The secret is still checked
// against the record's hash on every request (the authenticator does that). Tokens are
// never revoked today; when they can be, a revocation takes up to the TTL to be seen.
import type { TokenLookup } from './authenticator.ts';
import type { TokenRecord } from './tokens.ts';

export interface TokenCacheOptions {
  ttlMs: number;
  /** Most records kept; the oldest entry goes first when full. */
  maxEntries: number;
  now: () => number;
}

export function cachingTokenLookup(inner: TokenLookup, opts: TokenCacheOptions): TokenLookup {
  const entries = new Map<string, { record: TokenRecord; at: number }>();
  return {
    async findToken(id) {
      const hit = entries.get(id);
      if (hit && opts.now() - hit.at < opts.ttlMs) return hit.record;
      entries.delete(id);
      const record = await inner.findToken(id);
      if (record) {
        if (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(id, { record, at: opts.now() });
      }
      return record;
    },
  };
}
