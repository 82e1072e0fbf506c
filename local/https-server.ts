// Serves the apiserver's Hono app over HTTPS on loopback, as `skiff up` does.
import { serve } from '@hono/node-server';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

export interface HttpsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serveHttps(app: Hono<any>, opts: { port: number; key: string; cert: string; onRequest?: (ms: number) => void }): Promise<HttpsServer> {
  const onRequest = opts.onRequest;
  // With a hook, each request is timed to its response head (a Lambda invocation, for the cost model).
  const fetch: typeof app.fetch = onRequest
    ? async (req, ...rest) => {
      const start = performance.now();
      try {
        return await app.fetch(req, ...rest);
      } finally {
        onRequest(performance.now() - start);
      }
    }
    : app.fetch;
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch, port: opts.port, hostname: '127.0.0.1', createServer, serverOptions: { key: opts.key, cert: opts.cert } },
      (info: AddressInfo) => {
        resolve({
          url: `https://127.0.0.1:${info.port}`,
          port: info.port,
          stop: () => new Promise<void>((done) => {
            server.close(() => done());
            // Long-lived connections (keep-alive, later watches) must not hold shutdown open.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
        });
      },
    );
    server.once('error', reject);
  });
}
