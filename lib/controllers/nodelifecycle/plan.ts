// What the node lifecycle controller does to one node in one pass, as a pure decision:
// a silent agent turns the node's conditions Unknown; the readiness taints follow the
// Ready condition (so a node that is back and reports Ready=True loses them); the pods
// are looked at only when something can happen to them. While the agent keeps talking,
// the conditions stay exactly as the agent reported them.
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../core/clock.ts';
import { nodeConditions, nodeTaints } from '../../scheduler/objects.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { isSilent, silentConditions } from './health.ts';
import { noExecuteTaints, reconcileReadinessTaints } from './taints.ts';

export interface NodePlanSettings {
  gracePeriodMs: number;
}

export interface NodePlan {
  /** New status.conditions to write; absent when unchanged. */
  conditions?: NodeCondition[];
  /** New spec.taints to write; absent when unchanged. */
  taints?: Taint[];
  /** Ready just left True: kube records a NodeNotReady event on the node. */
  becameNotReady: boolean;
  /** The agent has not been heard from for the grace period. */
  agentSilent: boolean;
  /** Ready after this pass; undefined while the node has never reported. */
  readyStatus: string | undefined;
  /** The node's NoExecute taints after this pass: what its pods must tolerate. */
  noExecute: Taint[];
  /** Whether any pod on the node may need something done. */
  podsNeedAttention: boolean;
}

export function planNode(node: KubeObject, lease: KubeObject | undefined, nowMs: number, settings: NodePlanSettings): NodePlan {
  const now = rfc3339(new Date(nowMs));
  const before = nodeConditions(node);
  const agentSilent = isSilent(node, lease, nowMs, settings.gracePeriodMs);
  const after = agentSilent ? silentConditions(before, node.metadata.creationTimestamp, now) : before;
  const conditionsChanged = JSON.stringify(after) !== JSON.stringify(before);

  const readyBefore = before.find((c) => c.type === 'Ready')?.status;
  const readyStatus = after.find((c) => c.type === 'Ready')?.status;
  const currentTaints = nodeTaints(node);
  const taints = reconcileReadinessTaints(currentTaints, readyStatus, now);
  const noExecute = noExecuteTaints(taints ?? currentTaints);

  const plan: NodePlan = {
    becameNotReady: readyBefore === 'True' && readyStatus !== 'True',
    agentSilent,
    readyStatus,
    noExecute,
    podsNeedAttention: noExecute.length > 0 || (readyStatus !== undefined && readyStatus !== 'True'),
  };
  if (conditionsChanged) plan.conditions = after;
  if (taints) plan.taints = taints;
  return plan;
}
