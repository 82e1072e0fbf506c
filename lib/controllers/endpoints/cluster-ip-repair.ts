// Keeps ClusterIP reservations (lib/registry/clusterip/) in step with the Services that
// hold them, as kube's IPAddress repair loop does. The apiserver reserves an address
// before it stores the Service; the address is given back here:
//   - a reservation whose Service is gone, or no longer has that address, is released,
//     but only once it is older than a grace period: a Service being created right now has
//     its reservation before it exists in the store;
//   - a Service whose address has no reservation (stored before the allocator existed, or
//     with a reservation lost) gets one, so the address is never handed out twice.
// Releasing needs every reservation: it runs when a Service is deleted (rare beside
// resyncs), and reads one partition each of reservations and Services.
import type { ServiceCidr } from '../../registry/clusterip/service-cidr.ts';
import { offsetOf } from '../../registry/clusterip/service-cidr.ts';
import type { Reservation, ServiceRef } from '../../registry/clusterip/ip-reservations.ts';
import type { KubeObject } from '../../storage/object-store.ts';

export const RESERVATION_GRACE_MS = 60_000;

export interface ReleasePlan {
  release: (Reservation & { parent: ServiceRef })[];
  /** Stale-looking reservations too young to judge: look again after this long. */
  recheckAfterMs?: number;
}

export function planReleases(reservations: readonly Reservation[], services: readonly KubeObject[], now: Date, graceMs = RESERVATION_GRACE_MS): ReleasePlan {
  const held = new Set<string>();
  for (const svc of services) {
    for (const ip of clusterIPsOf(svc)) held.add(`${svc.metadata.namespace}/${svc.metadata.name}/${ip}`);
  }
  const plan: ReleasePlan = { release: [] };
  for (const r of reservations) {
    // Reservations without a Service parent are not ours to judge.
    if (!r.parent) continue;
    if (held.has(`${r.parent.namespace}/${r.parent.name}/${r.ip}`)) continue;
    const age = r.createdAt ? now.getTime() - Date.parse(r.createdAt) : Number.POSITIVE_INFINITY;
    if (age >= graceMs || Number.isNaN(age)) plan.release.push({ ...r, parent: r.parent });
    else plan.recheckAfterMs = Math.min(plan.recheckAfterMs ?? Number.POSITIVE_INFINITY, graceMs - age);
  }
  return plan;
}

/** The addresses of a live Service that should be reserved: real ones, in the range. */
export function addressesToReserve(service: KubeObject, cidr: ServiceCidr): string[] {
  return clusterIPsOf(service).filter((ip) => offsetOf(cidr, ip) !== undefined);
}

function clusterIPsOf(svc: KubeObject): string[] {
  const spec = (svc['spec'] ?? {}) as { clusterIP?: unknown; clusterIPs?: unknown };
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP];
  return ips.filter((ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None');
}
