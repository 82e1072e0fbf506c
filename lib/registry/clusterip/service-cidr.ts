// The Service ClusterIP range, as kube-apiserver's --service-cluster-ip-range: an IPv4
// CIDR whose network and broadcast addresses are never handed out, and whose first host
// address (10.96.0.1 in the default range) is kept for the `kubernetes` Service, so it is
// only ever given to a Service that asks for it by name. Pure arithmetic on 32-bit
// offsets; IPv6 and dual-stack ranges are not supported yet.
import { isIPv4 } from 'node:net';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

export interface ServiceCidr {
  /** The range as configured, e.g. "10.96.0.0/12". */
  text: string;
  /** The network address as an unsigned 32-bit number. */
  base: number;
  /** How many addresses the prefix spans, network and broadcast included. */
  size: number;
}

export function parseServiceCidr(text: string): ServiceCidr {
  const [ip, bitsText, extra] = text.split('/');
  const bits = Number(bitsText);
  if (extra !== undefined || !ip || !isIPv4(ip) || !/^\d+$/.test(bitsText ?? '') || bits < 0 || bits > 32) {
    throw new Error(`service ClusterIP range "${text}" is not an IPv4 CIDR`);
  }
  // Fewer than 4 addresses leave nothing to allocate once network, broadcast and the
  // reserved first address are taken out; kube refuses such ranges too.
  if (bits > 30) throw new Error(`service ClusterIP range "${text}" is too small: at least a /30 is needed`);
  const size = 2 ** (32 - bits);
  const base = Math.floor(toNumber(ip) / size) * size;
  return { text, base, size };
}

/** The address `offset` places after the network address. */
export function ipAt(cidr: ServiceCidr, offset: number): string {
  return fromNumber(cidr.base + offset);
}

/** The offset of `ip` in the range, or undefined when it is not a usable address of it. */
export function offsetOf(cidr: ServiceCidr, ip: string): number | undefined {
  if (!isIPv4(ip) || fromNumber(toNumber(ip)) !== ip) return undefined; // canonical dotted quads only
  const offset = toNumber(ip) - cidr.base;
  return offset >= 1 && offset <= cidr.size - 2 ? offset : undefined;
}

/** Offsets handed out to Services that do not name an address: [2, size - 2]. */
export function dynamicOffsets(cidr: ServiceCidr): { first: number; last: number } {
  return { first: 2, last: cidr.size - 2 };
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function fromNumber(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
