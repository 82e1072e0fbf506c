// A small HTTPS client for the apiserver: keep-alive connections (as kubectl and client
// libraries keep them), the cluster's CA, the admin bearer token. Loopback only.
import { Agent, request } from 'node:https';

export interface ApiResponse {
  status: number;
  body: string;
}

export interface ApiClient {
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<ApiResponse>;
  /** Streams a watch; onLine gets each JSON event line. Returns a stop function. */
  watch(path: string, onLine: (line: string) => void): () => void;
  close(): void;
}

export function apiClient(apiUrl: string, token: string, caPem: string, maxSockets = 64): ApiClient {
  const url = new URL(apiUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets, ca: caPem });
  const base = { hostname: url.hostname, port: url.port, agent, headers: { authorization: `Bearer ${token}` } };
  return {
    call(method, path, body, contentType = 'application/json') {
      return new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
        const req = request({ ...base, method, path, headers: { ...base.headers, ...(payload ? { 'content-type': contentType } : {}) }, timeout: 60_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    watch(path, onLine) {
      // Its own connection: a watch holds its socket for as long as it runs.
      const req = request({ ...base, agent: new Agent({ ca: caPem }), method: 'GET', path }, (res) => {
        let buffered = '';
        res.on('data', (c: Buffer) => {
          buffered += c.toString();
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line) onLine(line);
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.end();
      return () => req.destroy();
    },
    close() {
      agent.destroy();
    },
  };
}

/** Throws unless the status is one of `ok`; the message carries the apiserver's answer. */
export function expectStatus(res: ApiResponse, ok: number[], what: string): ApiResponse {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  return res;
}
