// maxSurge and maxUnavailable as absolute pod counts (kube's ResolveFenceposts, MaxSurge,
// MaxUnavailable). Percentages round surge up and unavailability down, so a small
// Deployment can always make progress without ever dropping below what was promised.
import type { Deployment, IntOrPercent } from './types.ts';

const PERCENT = /^(\d+)%$/;
/** The API defaults, for objects that did not pass through the registry's defaulting. */
const DEFAULT_FENCEPOST = '25%';

/**
 * kube's GetScaledValueFromIntOrPercent. A string that is not a percentage is an error
 * there, which every caller ignores, so it reads as 0 here.
 */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = PERCENT.exec(value);
  if (!m) return 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function resolveFenceposts(
  maxSurge: IntOrPercent | undefined,
  maxUnavailable: IntOrPercent | undefined,
  replicas: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, replicas, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, replicas, false);
  // Validation forbids both being 0, but rounding down can still get there; one pod of
  // slack is kube's choice over a surge that quota might refuse.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? DEFAULT_FENCEPOST, ru?.maxUnavailable ?? DEFAULT_FENCEPOST, desiredReplicas(d));
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** Never more than the replicas themselves; 0 for Recreate and for an empty Deployment. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}
