// Typed, defensive views of the stored Pod and Node objects the scheduler reads. Objects
// reach the scheduler after validation, but a stored object is still plain JSON, so every
// list and map is checked before use: a malformed field reads as absent instead of throwing
// in the middle of a scheduling pass.
import type { Node, NodeCondition, NodeSpec, NodeStatus, PodSpec, PodStatus, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../storage/object-store.ts';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The elements of `v` that are objects; anything else reads as an empty list. */
export function objects<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v.filter(isObj) as T[]) : [];
}

/** A string map (labels, nodeSelector, resource lists); anything else reads as empty. */
export function stringMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** A resource list keeps numbers too: a JSON number is a valid quantity. */
export function resourceList(v: unknown): Record<string, string | number> {
  if (!isObj(v)) return {};
  const out: Record<string, string | number> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string' || typeof val === 'number') out[k] = val;
  return out;
}

export function podSpec(pod: KubeObject): PodSpec {
  return (isObj(pod['spec']) ? pod['spec'] : {}) as unknown as PodSpec;
}

export function podStatus(pod: KubeObject): PodStatus {
  return (isObj(pod['status']) ? pod['status'] : {}) as PodStatus;
}

export function nodeSpec(node: KubeObject): NodeSpec {
  return (isObj(node['spec']) ? node['spec'] : {}) as NodeSpec;
}

export function nodeStatus(node: KubeObject): NodeStatus {
  return (isObj(node['status']) ? node['status'] : {}) as NodeStatus;
}

export function nodeName(node: KubeObject | Node): string {
  return node.metadata?.name ?? '';
}

export function labelsOf(obj: KubeObject): Record<string, string> {
  return stringMap(obj.metadata?.labels);
}

export function nodeTaints(node: KubeObject): Taint[] {
  return objects<Taint>(nodeSpec(node).taints);
}

export function nodeConditions(node: KubeObject): NodeCondition[] {
  return objects<NodeCondition>(nodeStatus(node).conditions);
}

/** kube's PodPriority: an unresolved priority counts as zero. */
export function podPriority(pod: KubeObject): number {
  const p = podSpec(pod).priority;
  return typeof p === 'number' ? p : 0;
}

export function isTerminating(pod: KubeObject): boolean {
  return Boolean(pod.metadata?.deletionTimestamp);
}

/**
 * Groups a pod with its siblings: namespace plus the uid of its controlling owner (a
 * ReplicaSet, StatefulSet, Job...). Undefined for a pod nobody controls.
 */
export function controllerKey(pod: KubeObject): string | undefined {
  const ref = objects<{ controller?: boolean; uid?: string }>(pod.metadata?.ownerReferences).find((r) => r.controller === true);
  if (!ref?.uid) return undefined;
  return `${pod.metadata?.namespace ?? ''}/${ref.uid}`;
}
