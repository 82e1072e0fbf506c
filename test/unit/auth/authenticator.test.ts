import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../../../lib/api/errors.ts';
import { allowAuthenticated, createBearerAuthenticator } from '../../../lib/auth/authenticator.ts';
import type { TokenLookup } from '../../../lib/auth/authenticator.ts';
import { adminUser, hashToken, newToken, nodeUser } from '../../../lib/auth/tokens.ts';
import type { TokenRecord, UserInfo } from '../../../lib/auth/tokens.ts';

/** In-memory token store keyed by id, as the real table will be; counts lookups. */
class MemoryTokens implements TokenLookup {
  readonly records = new Map<string, TokenRecord>();
  lookups = 0;

  /** Mints a token for `user`, stores only its hash, and hands the secret back once. */
  issue(user: UserInfo): string {
    const { token, id } = newToken(randomBytes);
    this.records.set(id, { id, hash: hashToken(token), user, createdAt: '2025-06-01T12:00:00Z' });
    return token;
  }

  async findToken(id: string): Promise<TokenRecord | undefined> {
    this.lookups++;
    return this.records.get(id);
  }
}

async function expectUnauthorized(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);
  // One bland message for every failure: nothing tells an attacker which part was wrong.
  expect((err as UnauthorizedError).message).toBe('Unauthorized');
  expect((err as UnauthorizedError).code).toBe(401);
}

describe('createBearerAuthenticator', () => {
  it('returns the stored user for a valid bearer token', async () => {
    const store = new MemoryTokens();
    const admin = store.issue(adminUser());
    const node = store.issue(nodeUser('worker-1'));
    const auth = createBearerAuthenticator(store);
    await expect(auth.authenticate(`Bearer ${admin}`)).resolves.toEqual(adminUser());
    await expect(auth.authenticate(`Bearer ${node}`)).resolves.toEqual(nodeUser('worker-1'));
  });

  it('accepts the scheme in any case and tolerates surrounding whitespace', async () => {
    const store = new MemoryTokens();
    const token = store.issue(adminUser());
    const auth = createBearerAuthenticator(store);
    await expect(auth.authenticate(`bearer ${token}`)).resolves.toEqual(adminUser());
    await expect(auth.authenticate(`BEARER  ${token} `)).resolves.toEqual(adminUser());
  });

  it('adds system:authenticated and returns a copy of the stored identity', async () => {
    const store = new MemoryTokens();
    const token = store.issue({ name: 'ci', groups: ['ci-bots'] });
    const auth = createBearerAuthenticator(store);
    const user = await auth.authenticate(`Bearer ${token}`);
    expect(user).toEqual({ name: 'ci', groups: ['ci-bots', 'system:authenticated'] });
    user.groups.push('system:masters');
    await expect(auth.authenticate(`Bearer ${token}`)).resolves.toEqual({ name: 'ci', groups: ['ci-bots', 'system:authenticated'] });
  });

  it('rejects a missing or empty header', async () => {
    const auth = createBearerAuthenticator(new MemoryTokens());
    await expectUnauthorized(auth.authenticate(undefined));
    await expectUnauthorized(auth.authenticate(''));
    await expectUnauthorized(auth.authenticate('Bearer'));
    await expectUnauthorized(auth.authenticate('Bearer '));
  });

  it('rejects other schemes', async () => {
    const store = new MemoryTokens();
    const token = store.issue(adminUser());
    const auth = createBearerAuthenticator(store);
    await expectUnauthorized(auth.authenticate(`Basic ${Buffer.from(`admin:${token}`).toString('base64')}`));
    await expectUnauthorized(auth.authenticate(`Token ${token}`));
    await expectUnauthorized(auth.authenticate(token));
    await expectUnauthorized(auth.authenticate(`Bearer ${token} extra`));
  });

  it('rejects malformed tokens without touching storage', async () => {
    const store = new MemoryTokens();
    const auth = createBearerAuthenticator(store);
    await expectUnauthorized(auth.authenticate('Bearer not-a-token'));
    await expectUnauthorized(auth.authenticate(`Bearer skiff.XYZ.${'A'.repeat(43)}`));
    await expectUnauthorized(auth.authenticate(`Bearer skiff.00010203.${'A'.repeat(5000)}`));
    expect(store.lookups).toBe(0);
  });

  it('rejects an unknown id', async () => {
    const store = new MemoryTokens();
    store.issue(adminUser());
    const auth = createBearerAuthenticator(store);
    const { token: stranger } = newToken(randomBytes);
    await expectUnauthorized(auth.authenticate(`Bearer ${stranger}`));
    expect(store.lookups).toBe(1);
  });

  it('rejects a wrong secret for a known id', async () => {
    const store = new MemoryTokens();
    const token = store.issue(adminUser());
    const id = token.split('.')[1];
    const auth = createBearerAuthenticator(store);
    await expectUnauthorized(auth.authenticate(`Bearer skiff.${id}.${randomBytes(32).toString('base64url')}`));
  });

  it('rejects a token whose record was deleted (revocation)', async () => {
    const store = new MemoryTokens();
    const token = store.issue(adminUser());
    const auth = createBearerAuthenticator(store);
    await expect(auth.authenticate(`Bearer ${token}`)).resolves.toBeDefined();
    store.records.clear();
    await expectUnauthorized(auth.authenticate(`Bearer ${token}`));
  });

  it('lets storage failures through instead of disguising them as 401', async () => {
    const boom = new Error('table unavailable');
    const auth = createBearerAuthenticator({ findToken: () => Promise.reject(boom) });
    const { token } = newToken(randomBytes);
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toBe(boom);
  });
});

describe('allowAuthenticated', () => {
  const attributes = { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' };

  it('allows any authenticated user, whatever the request', async () => {
    await expect(allowAuthenticated.authorize(adminUser(), attributes)).resolves.toMatchObject({ allowed: true });
    await expect(allowAuthenticated.authorize(nodeUser('n1'), { verb: 'delete', group: '', resource: 'nodes', name: 'n2' })).resolves.toMatchObject({
      allowed: true,
    });
  });

  it('denies a user that never passed authentication', async () => {
    const decision = await allowAuthenticated.authorize({ name: 'system:anonymous', groups: ['system:unauthenticated'] }, attributes);
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toBeTruthy();
  });
});
