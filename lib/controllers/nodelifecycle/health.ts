// Is the node's agent still alive? After kube's tryUpdateNodeHealth (1.32): a node is
// heard from through its Lease in kube-node-lease (renewTime) or its Ready condition
// (lastHeartbeatTime); once neither has moved for the grace period, the conditions the
// agent owns turn Unknown with kube's reasons and messages. Pure.
//
// kube measures silence with its own clock, from when its informer *observed* a renewal,
// because it keeps that in memory between passes. skiff's controller is stateless (a
// Lambda per batch), so it compares the timestamps the agent wrote with its own clock:
// agents and control plane must keep their clocks in sync (NTP), or a fast agent clock
// hides a dead node for the skew and a slow one flags a live node early. The lease's
// leaseDurationSeconds is not consulted, as in kube: the grace period alone decides.
import type { NodeCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { nodeConditions } from '../../scheduler/objects.ts';

/** The conditions the agent reports and the controller marks Unknown when it goes silent. */
export const AGENT_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const REASON_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const MESSAGE_STATUS_UNKNOWN = 'Kubelet stopped posting node status.';
export const REASON_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const MESSAGE_NEVER_UPDATED = 'Kubelet never posted node status.';

/** metav1.Time / MicroTime text to epoch ms; anything unparseable reads as absent. */
export function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  // MicroTime carries six fractional digits; Date.parse is only specified for three.
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The last sign of life: the newest of the lease's renewTime, the Ready condition's
 * lastHeartbeatTime and the node's creation (a node that has not reported yet gets the
 * grace period from its registration, where kube starts from first observation).
 */
export function lastHeartbeatMs(node: KubeObject, lease: KubeObject | undefined): number | undefined {
  const leaseSpec = lease?.['spec'] as { renewTime?: unknown } | undefined;
  const ready = nodeConditions(node).find((c) => c.type === 'Ready');
  const times = [parseTime(leaseSpec?.renewTime), parseTime(ready?.lastHeartbeatTime), parseTime(node.metadata.creationTimestamp)];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** kube: now.After(probeTimestamp + gracePeriod). A node with no timestamps at all is silent. */
export function isSilent(node: KubeObject, lease: KubeObject | undefined, nowMs: number, gracePeriodMs: number): boolean {
  const last = lastHeartbeatMs(node, lease);
  return last === undefined || nowMs > last + gracePeriodMs;
}

/**
 * The conditions after the agent went silent: each agent-owned condition is Unknown; one
 * that was not Unknown yet gets kube's reason, message and a new lastTransitionTime (its
 * lastHeartbeatTime stays, so it still tells when the agent last spoke); a missing one is
 * added as never updated. Other conditions (NetworkUnavailable and the like) are kept.
 */
export function silentConditions(current: readonly NodeCondition[], createdAt: string | undefined, now: string): NodeCondition[] {
  const out = current.map((c) => {
    if (!(AGENT_CONDITIONS as readonly string[]).includes(c.type) || c.status === 'Unknown') return c;
    return { ...c, status: 'Unknown', reason: REASON_STATUS_UNKNOWN, message: MESSAGE_STATUS_UNKNOWN, lastTransitionTime: now };
  });
  for (const type of AGENT_CONDITIONS) {
    if (out.some((c) => c.type === type)) continue;
    const added: NodeCondition = { type, status: 'Unknown', reason: REASON_NEVER_UPDATED, message: MESSAGE_NEVER_UPDATED, lastTransitionTime: now };
    if (createdAt) added.lastHeartbeatTime = createdAt;
    out.push(added);
  }
  return out;
}
