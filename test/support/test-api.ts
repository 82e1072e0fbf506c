// An apiserver over the in-memory store, driven through app.request(): no sockets.
import { randomBytes } from 'node:crypto';
import { createApiServer } from '../../lib/apiserver/app.ts';
import { allowAuthenticated, createBearerAuthenticator } from '../../lib/auth/authenticator.ts';
import { issueToken } from '../../lib/auth/issue-token.ts';
import { adminUser } from '../../lib/auth/tokens.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { randomIds } from '../../lib/core/ids.ts';
import { ensureBootstrapNamespaces } from '../../lib/registry/bootstrap.ts';
import { builtinRegistry } from '../../lib/registry/builtin.ts';
import type { RegistryContext } from '../../lib/registry/generic/context.ts';
import { MemoryTokenStore } from '../../lib/storage/dynamo-token-store.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import type { ObjectStore } from '../../lib/storage/object-store.ts';

export interface TestApi {
  ctx: RegistryContext;
  token: string;
  logs: Record<string, unknown>[];
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function testApi(store?: ObjectStore): Promise<TestApi> {
  const ctx: RegistryContext = { store: store ?? new MemoryStore({ clock: systemClock, ids: randomIds }), registry: builtinRegistry(), clock: systemClock, ids: randomIds };
  const tokens = new MemoryTokenStore();
  const token = await issueToken(tokens, adminUser(), new Date(), randomBytes);
  if (!store) await ensureBootstrapNamespaces(ctx);
  const logs: Record<string, unknown>[] = [];
  const app = createApiServer({ ctx, authenticator: createBearerAuthenticator(tokens), authorizer: allowAuthenticated, log: (e) => logs.push(e) });
  return {
    ctx,
    token,
    logs,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const res = await app.request(`http://skiff.test${path}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

export function configMap(name: string, data: Record<string, string> = { k: 'v' }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data };
}
