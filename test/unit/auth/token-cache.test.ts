import { describe, expect, it } from 'vitest';
import { cachingTokenLookup } from '../../../lib/auth/token-cache.ts';
import { adminUser } from '../../../lib/auth/tokens.ts';
import type { TokenRecord } from '../../../lib/auth/tokens.ts';

function record(id: string): TokenRecord {
  return { id, hash: `hash-${id}`, user: adminUser(), createdAt: '2026-01-01T00:00:00Z' };
}

function counted(known: string[]) {
  const calls: string[] = [];
  return { calls, lookup: { findToken: async (id: string) => (calls.push(id), known.includes(id) ? record(id) : undefined) } };
}

describe('cachingTokenLookup', () => {
  it('answers a found record from memory until the TTL passes', async () => {
    let now = 0;
    const inner = counted(['a']);
    const cache = cachingTokenLookup(inner.lookup, { ttlMs: 1000, maxEntries: 10, now: () => now });
    expect(await cache.findToken('a')).toEqual(record('a'));
    now = 999;
    expect(await cache.findToken('a')).toEqual(record('a'));
    expect(inner.calls).toEqual(['a']);
    now = 1000;
    await cache.findToken('a');
    expect(inner.calls).toEqual(['a', 'a']);
  });

  it('never remembers an unknown id, so a token minted later works at once', async () => {
    const known: string[] = [];
    const inner = counted(known);
    const cache = cachingTokenLookup(inner.lookup, { ttlMs: 60_000, maxEntries: 10, now: () => 0 });
    expect(await cache.findToken('b')).toBeUndefined();
    known.push('b');
    expect(await cache.findToken('b')).toEqual(record('b'));
    expect(inner.calls).toEqual(['b', 'b']);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const inner = counted(['a', 'b', 'c']);
    const cache = cachingTokenLookup(inner.lookup, { ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'b', 'a']) await cache.findToken(id);
    expect(inner.calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('lets lookup failures through (a storage outage is not a 401)', async () => {
    const cache = cachingTokenLookup({ findToken: () => Promise.reject(new Error('down')) }, { ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cache.findToken('a')).rejects.toThrow('down');
  });
});
