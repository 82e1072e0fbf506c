// Host ports as kube-scheduler's HostPortInfo sees them. A port is "PROTOCOL/IP/PORT" with
// kube's defaults filled in (TCP, and 0.0.0.0 for an empty hostIP). Only app containers
// count, as in kube 1.32: init containers' (and sidecars') hostPorts are not reserved.
import type { Container, ContainerPort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../storage/object-store.ts';
import { objects, podSpec } from './objects.ts';

const BIND_ALL = '0.0.0.0';

export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

export function hostPortKey(p: HostPort): string {
  return `${p.protocol}/${p.ip}/${p.port}`;
}

/** The inverse of hostPortKey; the IP sits between the first and last '/', so IPv6 is safe. */
export function parseHostPortKey(key: string): HostPort {
  const first = key.indexOf('/');
  const last = key.lastIndexOf('/');
  return { protocol: key.slice(0, first), ip: key.slice(first + 1, last), port: Number(key.slice(last + 1)) };
}

/** The host ports a pod asks for (hostPort > 0 only), sanitized like HostPortInfo does. */
export function podHostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = [];
  for (const ctr of objects<Container>(podSpec(pod).containers)) {
    for (const p of objects<ContainerPort>(ctr.ports)) {
      if (typeof p.hostPort !== 'number' || p.hostPort <= 0) continue;
      out.push({ protocol: p.protocol || 'TCP', ip: p.hostIP || BIND_ALL, port: p.hostPort });
    }
  }
  return out;
}

/**
 * kube's HostPortInfo.CheckConflict: a wildcard bind (0.0.0.0) collides with the same
 * protocol and port on any IP; a specific IP collides with itself and with the wildcard.
 */
export function hostPortConflicts(used: ReadonlySet<string>, want: HostPort): boolean {
  if (want.ip === BIND_ALL) {
    for (const key of used) {
      const u = parseHostPortKey(key);
      if (u.protocol === want.protocol && u.port === want.port) return true;
    }
    return false;
  }
  return used.has(hostPortKey({ ...want, ip: BIND_ALL })) || used.has(hostPortKey(want));
}
