// The scheduler's keys. A pod key means "try to place this pod"; a node key means "this
// node may now fit pods that did not fit before, retry the waiting ones". Only changes
// that can make a waiting pod fit are routed as node keys (kube's scheduler requeues
// unschedulable pods on the same node events, and on assigned pods going away).
import type { WorkKey } from '../work-key.ts';
import { type Change, NODES, PODS, changedKey, isResource, namedKey } from './change.ts';
import { conditionStatus, isBeingDeleted, sameField, sameLabels, stringField } from './object-fields.ts';
import type { KubeObject } from '../../storage/object-store.ts';

const DEFAULT_SCHEDULER = 'default-scheduler';

export function schedulerKeys(change: Change): WorkKey[] {
  if (isResource(change, PODS)) return podKeys(change);
  if (isResource(change, NODES)) return nodeKeys(change);
  return [];
}

function podKeys(change: Change): WorkKey[] {
  const keys: WorkKey[] = [];
  if (wantsScheduling(change.new)) {
    const own = changedKey(change);
    if (own) keys.push(own);
  }
  // nodeName never changes once set, so either image names the node whose capacity frees.
  const node = stringField(change.old, 'spec', 'nodeName') ?? stringField(change.new, 'spec', 'nodeName');
  if (node && freesCapacity(change)) {
    const key = namedKey(NODES, undefined, node);
    if (key) keys.push(key);
  }
  // A pod that just got bound yields nothing: the scheduler is done with it, and a bind
  // only takes capacity, so no waiting pod can fit because of it.
  return keys;
}

/** Unbound, not on its way out, and addressed to this scheduler. */
function wantsScheduling(pod: KubeObject | undefined): boolean {
  if (!pod || isBeingDeleted(pod) || stringField(pod, 'spec', 'nodeName')) return false;
  const scheduler = stringField(pod, 'spec', 'schedulerName');
  return scheduler === undefined || scheduler === DEFAULT_SCHEDULER;
}

/** A bound pod stops counting against its node: deleted, finished, or being deleted. */
function freesCapacity(change: Change): boolean {
  const { old: before, new: after } = change;
  if (!after) return before !== undefined;
  // A create takes capacity (or, for a pod created already finished, never held any).
  if (!before) return false;
  return (!isTerminal(before) && isTerminal(after)) || (!isBeingDeleted(before) && isBeingDeleted(after));
}

function isTerminal(pod: KubeObject): boolean {
  const phase = stringField(pod, 'status', 'phase');
  return phase === 'Succeeded' || phase === 'Failed';
}

function nodeKeys(change: Change): WorkKey[] {
  const { old: before, new: after } = change;
  // A deleted node offers nothing; its pods are the node lifecycle controller's business.
  if (!after) return [];
  const key = changedKey(change);
  if (!key) return [];
  return !before || schedulingPropertiesChanged(before, after) ? [key] : [];
}

/**
 * What the scheduler's filters read from a node. Labels are included although the brief
 * listed only capacity fields: a pod waiting on a nodeSelector fits once a label appears
 * (kube's scheduler requeues on label changes for the same reason). Heartbeat timestamps
 * are left out so a node's periodic status update does not wake the scheduler.
 */
function schedulingPropertiesChanged(before: KubeObject, after: KubeObject): boolean {
  return (
    !sameField(before, after, 'status', 'allocatable') ||
    !sameField(before, after, 'spec', 'unschedulable') ||
    !sameField(before, after, 'spec', 'taints') ||
    !sameLabels(before, after) ||
    conditionStatus(before, 'Ready') !== conditionStatus(after, 'Ready')
  );
}
