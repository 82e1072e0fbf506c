// What each node has committed to its bound pods, kept beside the objects so that a bind
// and its charge commit together (no overcommit under concurrent schedulers), and a pod's
// charge is returned exactly once (the charge is recorded per pod uid).
import type { GroupResource } from '../api/errors.ts';
import type { KubeObject } from './object-store.ts';

export interface Charge {
  milliCpu: bigint;
  memory: bigint;
  /** "TCP/0.0.0.0/8080" keys; a node may hand each out once. */
  hostPorts: string[];
}

export interface NodeUsage extends Charge {
  pods: number;
  /** What each bound pod was charged, by pod uid. */
  charges: Record<string, Charge>;
}

export interface Capacity {
  milliCpu: bigint;
  memory: bigint;
  pods: number;
}

export class CapacityExceededError extends Error {
  constructor(readonly node: string) {
    super(`node ${node} no longer has room for this pod`);
    this.name = 'CapacityExceededError';
  }
}

export interface NodeAccounting {
  usage(node: string): Promise<NodeUsage>;
  /** Every node's usage, by node name (one query: what the scheduler decides against). */
  usageAll(): Promise<Map<string, NodeUsage>>;
  /**
   * Stores `boundPod` (conditional on its resourceVersion: ConflictError otherwise) and
   * charges its node, in one atomic step. With `capacity`, refuses (CapacityExceededError)
   * a charge that would take the node past it; without, only records the charge.
   * `basis` is the pod as read before binding (see ObjectStore.update).
   */
  bind(resource: GroupResource, boundPod: KubeObject, node: string, charge: Charge, capacity?: Capacity, basis?: KubeObject): Promise<KubeObject>;
  /** Returns a pod's charge to its node. False when it had already been returned. */
  release(node: string, podUid: string): Promise<boolean>;
}

export function emptyUsage(): NodeUsage {
  return { milliCpu: 0n, memory: 0n, hostPorts: [], pods: 0, charges: {} };
}

/** The charge check both implementations make, so they cannot disagree. */
export function fits(usage: NodeUsage, charge: Charge, capacity: Capacity): boolean {
  if (charge.milliCpu > 0n && usage.milliCpu + charge.milliCpu > capacity.milliCpu) return false;
  if (charge.memory > 0n && usage.memory + charge.memory > capacity.memory) return false;
  if (usage.pods + 1 > capacity.pods) return false;
  return !charge.hostPorts.some((p) => usage.hostPorts.includes(p));
}
