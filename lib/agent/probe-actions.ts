// httpGet and tcpSocket probes run from the host, as kubelet runs them: HTTP success is a
// status from 200 to 399 within the timeout (TLS is not verified, as kubelet does not);
// TCP success is a connection within the timeout. A named port is the container's port of
// that name. gRPC probes are not supported and fail with a message in the agent's log.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Container, HTTPGetAction, TCPSocketAction } from 'kubernetes-types/core/v1';
import type { ProbeOutcome } from './probe-tracker.ts';

export function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function httpGetProbe(action: HTTPGetAction, defaultHost: string, container: Container, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(action.port, container);
  if (port === undefined) return Promise.resolve('failure');
  const scheme = (action.scheme ?? 'HTTP').toUpperCase();
  const headers: Record<string, string> = { 'user-agent': 'kube-probe/1.32', accept: '*/*' };
  for (const h of action.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  const path = action.path ? (action.path.startsWith('/') ? action.path : `/${action.path}`) : '/';
  const options = { host: action.host || defaultHost, port, path, method: 'GET', headers, timeout: timeoutMs };
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const onResponse = (res: http.IncomingMessage) => {
      res.resume();
      const code = res.statusCode ?? 0;
      done(code >= 200 && code < 400 ? 'success' : 'failure');
    };
    const req = scheme === 'HTTPS' ? https.request({ ...options, rejectUnauthorized: false }, onResponse) : http.request(options, onResponse);
    const timer = setTimeout(() => {
      req.destroy();
      done('failure');
    }, timeoutMs);
    req.on('error', () => done('failure'));
    req.end();
  });
}

export function tcpSocketProbe(action: TCPSocketAction, defaultHost: string, container: Container, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(action.port, container);
  if (port === undefined) return Promise.resolve('failure');
  return new Promise((resolve) => {
    const socket = net.connect({ host: action.host || defaultHost, port });
    const finish = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('failure'), timeoutMs);
    socket.once('connect', () => finish('success'));
    socket.once('error', () => finish('failure'));
  });
}
