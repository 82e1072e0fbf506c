// Minting a token for a user: the plaintext goes to the caller once, the hash to storage.
import { rfc3339 } from '../core/clock.ts';
import type { TokenStore } from '../storage/dynamo-token-store.ts';
import { hashToken, newToken, type UserInfo } from './tokens.ts';

export async function issueToken(
  store: TokenStore, user: UserInfo, now: Date, random: (bytes: number) => Uint8Array,
): Promise<string> {
  const { token, id } = newToken(random);
  await store.saveToken({ id, hash: hashToken(token), user, createdAt: rfc3339(now) });
  return token;
}

/** Re-registers a token whose plaintext we already hold (an in-memory cluster restarting). */
export async function registerToken(store: TokenStore, token: string, id: string, user: UserInfo, now: Date): Promise<void> {
  await store.saveToken({ id, hash: hashToken(token), user, createdAt: rfc3339(now) });
}
