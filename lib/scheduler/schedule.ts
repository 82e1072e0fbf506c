// One scheduling decision: filter every node, score the survivors, pick one; or explain,
// in kube-scheduler's words, why no node will do. Pure: the caller reads nodes and pods,
// builds NodeInfos, and binds (and, for the next pod, folds the bind in with addPod).
import type { KubeObject } from '../storage/object-store.ts';
import { runCapacityFilters, runFilters } from './filters.ts';
import { formatFitError, NO_NODES_MESSAGE, reasonHistogram } from './fit-error.ts';
import type { NodeInfo } from './node-info.ts';
import { affinityNodeNames } from './node-selector.ts';
import { podFacts } from './pod-facts.ts';
import { preemptionMessage } from './preemption.ts';
import type { Rejection } from './rejection.ts';
import { spreadCounter } from './score-spread.ts';
import type { SpreadOptions } from './score-spread.ts';
import { bestNodes, scoreNodes } from './scoring.ts';

export interface ScheduleOptions extends SpreadOptions {
  /**
   * Whether to append kube's "preemption: ..." clause (default true, as kube's default
   * profile runs DefaultPreemption). false matches a profile without PostFilter plugins.
   */
  preemption?: boolean;
  /**
   * Picks one of the nodes tied for the best score (given in name order, at least two).
   * kube-scheduler picks at random; absent, the first wins, so a snapshot always gives
   * the same answer.
   */
  pickAmongBest?: (tied: readonly string[]) => string;
}

export interface Unschedulable {
  unschedulable: true;
  /** For the PodScheduled=False condition (reason Unschedulable) and the FailedScheduling event. */
  message: string;
  /** How many nodes gave each filter reason (the preemption clause is not counted). */
  reasons: Record<string, number>;
}

export type ScheduleResult = { node: string } | Unschedulable;

/** kube's PreFilter message when required terms pin node names that contradict each other. */
export const ERR_AFFINITY_CONFLICT = 'pod affinity terms conflict';

function notFiltered(plugins: string): string {
  return `node(s) didn't satisfy plugin(s) [${plugins}]`;
}

export function schedule(pod: KubeObject, nodeInfos: readonly NodeInfo[], opts: ScheduleOptions = {}): ScheduleResult {
  const numAllNodes = nodeInfos.length;
  if (numAllNodes === 0) return { unschedulable: true, message: NO_NODES_MESSAGE, reasons: {} };
  const facts = podFacts(pod);
  const withPreemption = opts.preemption !== false;
  const rejections = new Map<string, Rejection>();

  // NodeAffinity's PreFilter: node-name pins (DaemonSet pods) narrow the search up front.
  const pinned = affinityNodeNames(pod);
  if (pinned !== undefined && pinned.size === 0) {
    return {
      unschedulable: true,
      message: formatFitError({
        numAllNodes,
        preFilterMsg: ERR_AFFINITY_CONFLICT,
        reasons: {},
        postFilterMsg: withPreemption ? preemptionMessage(facts, nodeInfos, rejections) : undefined,
      }),
      reasons: { [ERR_AFFINITY_CONFLICT]: numAllNodes },
    };
  }
  const candidates = pinned === undefined ? nodeInfos : nodeInfos.filter((info) => pinned.has(info.name));

  const feasible: NodeInfo[] = [];
  for (const info of candidates) {
    const rejection = runFilters(facts, info);
    if (rejection) rejections.set(info.name, rejection);
    else feasible.push(info);
  }

  if (feasible.length === 0) {
    const reasons = reasonHistogram(rejections.values(), numAllNodes - candidates.length, notFiltered('NodeAffinity'));
    const postFilterMsg = withPreemption ? preemptionMessage(facts, nodeInfos, rejections) : undefined;
    return { unschedulable: true, message: formatFitError({ numAllNodes, reasons, postFilterMsg }), reasons };
  }
  // Like kube: a single survivor needs no scoring.
  const only = feasible.length === 1 ? feasible[0] : undefined;
  if (only) return { node: only.name };

  const totals = scoreNodes(facts, feasible, nodeInfos, spreadCounter(facts, opts));
  const tied = bestNodes(totals);
  // Unreachable: feasible is non-empty, so totals has an entry.
  if (tied.length === 0) throw new Error('scheduler: no score for a feasible node');
  const best = tied.length > 1 && opts.pickAmongBest ? opts.pickAmongBest(tied) : tied[0]!;
  if (!tied.includes(best)) throw new Error(`scheduler: the tie-break chose ${best}, which is not among the best nodes`);
  return { node: best };
}

/**
 * Whether the node still has room for the pod: host ports, pod count, cpu, memory and
 * extended resources against what is already counted on it. These are the checks that
 * change as pods are bound, and what a bind transaction's capacity condition must uphold.
 */
export function fitsAfterBind(nodeInfo: NodeInfo, pod: KubeObject): boolean {
  return runCapacityFilters(podFacts(pod), nodeInfo) === undefined;
}
