import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminUser, hashToken, newToken, nodeUser, parseToken, tokenMatches } from '../../../lib/auth/tokens.ts';
import type { TokenRecord } from '../../../lib/auth/tokens.ts';

/** A deterministic "random" source: each call returns the next bytes of a counter stream. */
function counterRandom(): (bytes: number) => Uint8Array {
  let next = 0;
  return (bytes) => Uint8Array.from({ length: bytes }, () => next++ & 0xff);
}

function recordFor(token: string, id: string): TokenRecord {
  return { id, hash: hashToken(token), user: adminUser(), createdAt: '2025-06-01T12:00:00Z' };
}

describe('newToken', () => {
  it('formats skiff.<8 hex id>.<43-char base64url secret>', () => {
    const { token, id } = newToken(randomBytes);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(token).toMatch(/^skiff\.[0-9a-f]{8}\.[A-Za-z0-9_-]{43}$/);
    expect(token.split('.')[1]).toBe(id);
    expect(Buffer.from(token.split('.')[2] ?? '', 'base64url')).toHaveLength(32);
  });

  it('is a pure function of the random source', () => {
    const a = newToken(counterRandom());
    const b = newToken(counterRandom());
    expect(a).toEqual(b);
    expect(a.id).toBe('00010203');
    expect(a.token).toBe(`skiff.00010203.${Buffer.from(Uint8Array.from({ length: 32 }, (_, i) => i + 4)).toString('base64url')}`);
  });

  it('gives distinct tokens from a real random source', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newToken(randomBytes).token));
    expect(tokens.size).toBe(200);
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    expect(() => newToken(() => new Uint8Array(2))).toThrow(/random source/);
  });
});

describe('hashToken', () => {
  it('is the lowercase sha256 hex of the whole token', () => {
    const { token } = newToken(randomBytes);
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseToken', () => {
  it('returns the id of a well-formed token', () => {
    const { token, id } = newToken(randomBytes);
    expect(parseToken(token)).toEqual({ id });
  });

  it.each([
    ['empty', ''],
    ['wrong prefix', `kube.00010203.${'A'.repeat(43)}`],
    ['uppercase id', `skiff.0001020A.${'A'.repeat(43)}`],
    ['short id', `skiff.0001020.${'A'.repeat(43)}`],
    ['short secret', `skiff.00010203.${'A'.repeat(42)}`],
    ['oversized secret', `skiff.00010203.${'A'.repeat(129)}`],
    ['base64 padding', `skiff.00010203.${'A'.repeat(43)}=`],
    ['standard base64 chars', `skiff.00010203.${'A'.repeat(42)}+`],
    ['extra segment', `skiff.00010203.${'A'.repeat(43)}.x`],
    ['surrounding space', ` skiff.00010203.${'A'.repeat(43)}`],
    ['trailing newline', `skiff.00010203.${'A'.repeat(43)}\n`],
  ])('rejects %s', (_why, token) => {
    expect(parseToken(token)).toBeUndefined();
  });
});

describe('tokenMatches', () => {
  const { token, id } = newToken(randomBytes);
  const record = recordFor(token, id);

  it('matches the token it was minted for', () => {
    expect(tokenMatches(token, record)).toBe(true);
  });

  it('rejects a different secret under the same id', () => {
    const forged = `skiff.${id}.${randomBytes(32).toString('base64url')}`;
    expect(tokenMatches(forged, record)).toBe(false);
  });

  it('rejects a one-character change', () => {
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(tokenMatches(token.slice(0, -1) + last, record)).toBe(false);
  });

  it('rejects a record stored under another id, even with the right hash', () => {
    expect(tokenMatches(token, { ...record, id: 'ffffffff' })).toBe(false);
  });

  it('rejects malformed tokens and corrupt stored hashes without throwing', () => {
    expect(tokenMatches('garbage', record)).toBe(false);
    expect(tokenMatches(token, { ...record, hash: '' })).toBe(false);
    expect(tokenMatches(token, { ...record, hash: 'zz' })).toBe(false);
    expect(tokenMatches(token, { ...record, hash: record.hash.slice(0, 62) })).toBe(false);
  });
});

describe('well-known users', () => {
  it('adminUser is in system:masters', () => {
    expect(adminUser()).toEqual({ name: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('nodeUser is named like a kubelet', () => {
    expect(nodeUser('worker-1')).toEqual({ name: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] });
  });

  it('returns fresh objects so callers cannot corrupt each other', () => {
    adminUser().groups.push('oops');
    expect(adminUser().groups).not.toContain('oops');
  });
});
