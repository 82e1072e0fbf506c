// Serves the apiserver for one table over HTTPS on loopback: bootstrap namespaces, the
// `kubernetes` Service, the admin token, the CA and serving certificate, and the kubeconfig
// in the home. Used by `skiff up` and by the integration tests (against the shared DynamoDB Local).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiServer } from '../lib/apiserver/app.ts';
import { systemClock } from '../lib/core/clock.ts';
import { randomIds } from '../lib/core/ids.ts';
import { buildDeps, type Deps } from '../lib/deps.ts';
import { renderKubeconfig } from '../lib/auth/kubeconfig.ts';
import { ensureBootstrapNamespaces, ensureKubernetesService } from '../lib/registry/bootstrap.ts';
import { ensureAdminToken } from './admin-credentials.ts';
import { serveHttps } from './https-server.ts';
import { loadOrCreatePki } from './pki.ts';

export interface LocalApiServer {
  url: string;
  kubeconfigPath: string;
  adminToken: string;
  caCertPem: string;
  deps: Deps;
  stop(): Promise<void>;
}

export async function startLocalApiServer(opts: {
  dynamo: DynamoDBClient;
  tableName: string;
  home: string;
  port: number;
  log?: (entry: Record<string, unknown>) => void;
  /** Called after each request with its time to the response head (the usage meter). */
  onRequest?: (ms: number) => void;
}): Promise<LocalApiServer> {
  const deps = buildDeps({ dynamo: opts.dynamo, tableName: opts.tableName, clock: systemClock, ids: randomIds, log: opts.log });
  await ensureBootstrapNamespaces(deps.ctx);
  const adminToken = await ensureAdminToken(opts.home, deps.tokens);
  const pki = await loadOrCreatePki(opts.home);
  const server = await serveHttps(createApiServer(deps.api), { port: opts.port, key: pki.serverKeyPem, cert: pki.serverCertPem, onRequest: opts.onRequest });
  // Known only once listening (--port 0). The address is loopback, which the Endpoints kinds
  // refuse (kubernetes-service.ts), so the Service's endpoints list no address locally.
  const url = new URL(server.url);
  await ensureKubernetesService(deps.ctx, { port: Number(url.port), addresses: [url.hostname] });
  const kubeconfigPath = join(opts.home, 'kubeconfig');
  writeFileSync(kubeconfigPath, renderKubeconfig({
    clusterName: 'skiff', server: server.url, caCertPem: pki.caCertPem, userName: 'skiff-admin', token: adminToken,
  }), { mode: 0o600 });
  return { url: server.url, kubeconfigPath, adminToken, caCertPem: pki.caCertPem, deps, stop: () => server.stop() };
}
