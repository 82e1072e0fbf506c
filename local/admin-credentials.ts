// The admin token of a local cluster: minted on first start and kept in <home>/admin.token
// (mode 600) because the kubeconfig needs its plaintext; the table holds only its hash.
// An in-memory cluster forgets the hash on restart, so it is registered again each start.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueToken, registerToken } from '../lib/auth/issue-token.ts';
import { adminUser, parseToken } from '../lib/auth/tokens.ts';
import type { TokenStore } from '../lib/storage/dynamo-token-store.ts';

export async function ensureAdminToken(home: string, tokens: TokenStore, now = new Date()): Promise<string> {
  const file = join(home, 'admin.token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    const parsed = parseToken(token);
    if (parsed) {
      const record = await tokens.findToken(parsed.id);
      if (!record) await registerToken(tokens, token, parsed.id, adminUser(), now);
      return token;
    }
  }
  const token = await issueToken(tokens, adminUser(), now, randomBytes);
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
