// A TLS-terminating proxy in front of a test apiserver, with the cluster's own serving
// certificate (so kubeconfigs keep their CA), that can refuse chosen paths: how a test
// makes kubectl meet a server without, say, /openapi/v3. Records what passed through.
import { request, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';

export interface ProxiedRequest {
  method: string;
  url: string;
  accept: string;
  contentType: string;
}

export interface HttpsProxy {
  /** A copy of the kubeconfig that points at the proxy. */
  kubeconfigPath: string;
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

export async function startHttpsProxy(opts: {
  target: string;
  kubeconfigPath: string;
  cert: string;
  key: string;
  /** Answered 404 with a NotFound Status instead of being forwarded. */
  refuse: (url: string) => boolean;
}): Promise<HttpsProxy> {
  const target = new URL(opts.target);
  const requests: ProxiedRequest[] = [];
  const server = createServer({ cert: opts.cert, key: opts.key }, (req, res) => {
    const url = req.url ?? '/';
    requests.push({ method: req.method ?? '', url, accept: req.headers.accept ?? '', contentType: req.headers['content-type'] ?? '' });
    if (opts.refuse(url)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 }));
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: url, method: req.method, headers: req.headers, rejectUnauthorized: false },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const kubeconfigPath = `${opts.kubeconfigPath}.proxy-${port}`;
  writeFileSync(kubeconfigPath, readFileSync(opts.kubeconfigPath, 'utf8').replaceAll(opts.target, `https://127.0.0.1:${port}`));
  return {
    kubeconfigPath,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
