// Which surplus pods go first, after kube's ActivePodsWithRanks (with the PodDeletionCost
// and LogarithmicScaleDown gates on, their default): the least useful pod is deleted
// first, so scaling down costs as little availability as possible. Go's sort is not
// stable, so a final name/uid tie-break makes the choice deterministic here.
import type { Pod } from './types.ts';
import { podReady, podReadySince } from './pod-state.ts';

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseOrdinal(pod: Pod): number {
  // Phases outside the map (absent, terminal) read as 0 in kube's map lookup.
  return PHASE_ORDER[pod.status?.phase ?? ''] ?? 0;
}

/** An int32 annotation; anything unparsable costs 0, as kube treats it. */
function deletionCost(pod: Pod): number {
  const raw = pod.metadata.annotations?.[DELETION_COST];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return 0;
  const n = Number(raw);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name)).map((c) => c.restartCount ?? 0));
  return { regular, sidecar };
}

function timeOf(t: string | undefined): number | undefined {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Base-2 log of the age in nanoseconds, truncated: pods of similar age rank alike. */
function logRank(t: number, now: number): number {
  const ageNs = (now - t) * 1e6;
  return ageNs > 0 ? Math.trunc(Math.log2(ageNs)) : -1;
}

/** Negative when a goes first: the newer time, or an unknown one (kube's afterOrZero). */
function compareTimes(a: number | undefined, b: number | undefined, now: number, ua: string, ub: string): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const diff = logRank(a, now) - logRank(b, now);
  if (diff !== 0) return diff;
  // Same logarithmic bucket: kube breaks the tie by uid rather than by exact age.
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * A comparator for Array.sort: pods that should be deleted first come first.
 * `colocated` counts active related pods per node name (kube's rank: doubled-up pods go first).
 */
export function deletionOrder(colocated: ReadonlyMap<string, number>, now: Date): (a: Pod, b: Pod) => number {
  const t = now.getTime();
  return (a, b) => {
    const na = a.spec?.nodeName ?? '';
    const nb = b.spec?.nodeName ?? '';
    // 1. Unscheduled before scheduled.
    if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
    // 2. Pending < Unknown < Running.
    const phase = phaseOrdinal(a) - phaseOrdinal(b);
    if (phase !== 0) return phase;
    // 3. Not ready before ready.
    const ra = podReady(a);
    const rb = podReady(b);
    if (ra !== rb) return ra ? 1 : -1;
    // 4. Lower deletion cost first.
    const cost = deletionCost(a) - deletionCost(b);
    if (cost !== 0) return cost;
    // 5. More pods of the same family on its node first.
    const rank = (colocated.get(nb) ?? 0) - (colocated.get(na) ?? 0);
    if (rank !== 0) return rank;
    const ua = a.metadata.uid ?? '';
    const ub = b.metadata.uid ?? '';
    // 6. Ready for less time first.
    if (ra && rb) {
      const c = compareTimes(podReadySince(a), podReadySince(b), t, ua, ub);
      if (c !== 0) return c;
    }
    // 7. More restarts first, regular containers before sidecars.
    const xa = maxRestarts(a);
    const xb = maxRestarts(b);
    if (xa.regular !== xb.regular) return xb.regular - xa.regular;
    if (xa.sidecar !== xb.sidecar) return xb.sidecar - xa.sidecar;
    // 8. Newer before older.
    const c = compareTimes(timeOf(a.metadata.creationTimestamp), timeOf(b.metadata.creationTimestamp), t, ua, ub);
    if (c !== 0) return c;
    // Determinism, not kube: equal pods go in name order.
    const ka = `${a.metadata.name ?? ''}/${ua}`;
    const kb = `${b.metadata.name ?? ''}/${ub}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
