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
import { MemoryChangeLog } from '../../lib/storage/memory-change-log.ts';
import { MemoryNodeAccounting } from '../../lib/storage/memory-node-accounting.ts';
import type { ObjectStore } from '../../lib/storage/object-store.ts';

export interface TestApi {
  ctx: RegistryContext;
  token: string;
  logs: Record<string, unknown>[];
  /** Opens a watch and returns a reader of its events (one parsed JSON line each). */
  watch(path: string, headers?: Record<string, string>): Promise<{ status: number; next(): Promise<any>; close(): Promise<void> }>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function testApi(store?: ObjectStore): Promise<TestApi> {
  const changes = new MemoryChangeLog(systemClock);
  const memory = new MemoryStore({ clock: systemClock, ids: randomIds, changeLog: changes });
  const ctx: RegistryContext = {
    store: store ?? memory,
    accounting: store ? undefined : new MemoryNodeAccounting(memory),
    registry: builtinRegistry(), clock: systemClock, ids: randomIds, changes, watch: { pollMs: 10 },
  };
  const tokens = new MemoryTokenStore();
  const token = await issueToken(tokens, adminUser(), new Date(), randomBytes);
  if (!store) await ensureBootstrapNamespaces(ctx);
  const logs: Record<string, unknown>[] = [];
  const app = createApiServer({ ctx, authenticator: createBearerAuthenticator(tokens), authorizer: allowAuthenticated, log: (e) => logs.push(e) });
  return {
    ctx,
    token,
    logs,
    async watch(path, headers = {}) {
      const res = await app.request(`http://skiff.test${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      return {
        status: res.status,
        async next() {
          for (;;) {
            const nl = buffer.indexOf('\n');
            if (nl >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              return JSON.parse(line);
            }
            const { value, done } = await reader.read();
            if (done) return undefined;
            buffer += decoder.decode(value, { stream: true });
          }
        },
        close: () => reader.cancel(),
      };
    },
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
