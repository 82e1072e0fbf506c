// The "why is my pod Pending" text, exactly as kube-scheduler 1.32 writes it into the
// PodScheduled=False condition and the FailedScheduling event (framework.FitError.Error):
//
//   0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: },
//   2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for
//   scheduling, 2 No preemption victims found for incoming pod.
//
// Each entry is "<count> <reason>" and the entries are sorted as whole strings (Go's
// sort.Strings), so the count takes part in the order: "1 node(s)..." sorts before
// "2 Insufficient cpu", and "10 ..." before "2 ...".
import type { Rejection } from './rejection.ts';

/** kube's ErrNoNodesAvailable text, used when the cluster has no nodes at all. */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

/** Counts each reason of each rejection, plus `absentCount` nodes that all share `absentReason`. */
export function reasonHistogram(rejections: Iterable<Rejection>, absentCount = 0, absentReason?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rejections) for (const reason of r.reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  if (absentCount > 0 && absentReason !== undefined) counts[absentReason] = (counts[absentReason] ?? 0) + absentCount;
  return counts;
}

export function sortedReasons(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .map(([reason, n]) => `${n} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface FitErrorParts {
  numAllNodes: number;
  /** A PreFilter refusal replaces the per-node reasons. */
  preFilterMsg?: string;
  reasons: Record<string, number>;
  /** The PostFilter (preemption) message, appended as is: it brings its own full stop. */
  postFilterMsg?: string;
}

export function formatFitError(parts: FitErrorParts): string {
  let msg = `0/${parts.numAllNodes} nodes are available:`;
  if (parts.preFilterMsg) {
    msg += ` ${parts.preFilterMsg}.`;
  } else {
    const entries = sortedReasons(parts.reasons);
    if (entries.length > 0) msg += ` ${entries.join(', ')}.`;
  }
  if (parts.postFilterMsg) msg += ` ${parts.postFilterMsg}`;
  return msg;
}
