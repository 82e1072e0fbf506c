// The readiness taints the node lifecycle controller owns, kept in step with the Ready
// condition as kube's doNoScheduleTaintingPass and doNoExecuteTaintingPass keep them:
// Ready=False is not-ready, Ready=Unknown is unreachable (the two are mutually exclusive),
// each with NoSchedule and NoExecute; Ready=True carries neither. Taints are stamped with
// timeAdded when added (kube's SwapNodeControllerTaint stamps both effects), and a taint
// already present keeps its timeAdded: eviction deadlines count from it. Pure.
import type { Taint } from 'kubernetes-types/core/v1';
import { NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY } from '../../scheduler/node-taints.ts';

export { NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY };

const READINESS_KEYS = [NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY];
const EFFECTS = ['NoSchedule', 'NoExecute'] as const;

function isOwned(t: Taint): boolean {
  return READINESS_KEYS.includes(t.key) && (EFFECTS as readonly string[]).includes(t.effect);
}

/** The readiness taint key a Ready status calls for; undefined for True. */
export function readinessTaintKey(readyStatus: string): string | undefined {
  if (readyStatus === 'False') return NOT_READY_TAINT_KEY;
  if (readyStatus === 'Unknown') return UNREACHABLE_TAINT_KEY;
  return undefined;
}

/**
 * The node's taints with the owned ones matching `readyStatus`, or undefined when nothing
 * changes. Taints the controller does not own are kept, in their order. Without a Ready
 * condition (`readyStatus` undefined) the node has said nothing yet: leave them alone.
 */
export function reconcileReadinessTaints(current: readonly Taint[], readyStatus: string | undefined, now: string): Taint[] | undefined {
  if (readyStatus === undefined) return undefined;
  const key = readinessTaintKey(readyStatus);
  const wanted = key ? EFFECTS.map((effect) => ({ key, effect })) : [];
  const isWanted = (t: Taint) => wanted.some((w) => w.key === t.key && w.effect === t.effect);
  const kept = current.filter((t) => !isOwned(t) || isWanted(t));
  const added = wanted.filter((w) => !kept.some((t) => t.key === w.key && t.effect === w.effect)).map((w): Taint => ({ ...w, timeAdded: now }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

export function noExecuteTaints(taints: readonly Taint[]): Taint[] {
  return taints.filter((t) => t.effect === 'NoExecute');
}
