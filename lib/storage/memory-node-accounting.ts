// In-memory NodeAccounting for unit tests only; the contract suite runs the same cases
// against the DynamoDB one. Check-and-charge happens with no await in between.
import type { GroupResource } from '../api/errors.ts';
import { CapacityExceededError, emptyUsage, fits, type Capacity, type Charge, type NodeAccounting, type NodeUsage } from './node-accounting.ts';
import type { MemoryStore } from './memory-store.ts';
import type { KubeObject } from './object-store.ts';

export class MemoryNodeAccounting implements NodeAccounting {
  private readonly nodes = new Map<string, NodeUsage>();

  constructor(private readonly store: MemoryStore) {}

  async usage(node: string): Promise<NodeUsage> {
    return structuredClone(this.nodes.get(node) ?? emptyUsage());
  }

  async usageAll(): Promise<Map<string, NodeUsage>> {
    return new Map([...this.nodes].map(([n, u]) => [n, structuredClone(u)]));
  }

  async bind(resource: GroupResource, boundPod: KubeObject, node: string, charge: Charge, capacity?: Capacity): Promise<KubeObject> {
    const usage = this.nodes.get(node) ?? emptyUsage();
    const uid = boundPod.metadata.uid!;
    if (usage.charges[uid] || (capacity && !fits(usage, charge, capacity))) throw new CapacityExceededError(node);
    const next: NodeUsage = {
      milliCpu: usage.milliCpu + charge.milliCpu, memory: usage.memory + charge.memory, pods: usage.pods + 1,
      hostPorts: [...usage.hostPorts, ...charge.hostPorts], charges: { ...usage.charges, [uid]: charge },
    };
    this.nodes.set(node, next);
    try {
      return await this.store.update(resource, boundPod);
    } catch (err) {
      await this.release(node, uid); // other binds may have landed meanwhile: undo only ours
      throw err;
    }
  }

  async release(node: string, podUid: string): Promise<boolean> {
    const usage = this.nodes.get(node);
    const charge = usage?.charges[podUid];
    if (!usage || !charge) return false;
    const { [podUid]: _gone, ...rest } = usage.charges;
    this.nodes.set(node, {
      milliCpu: usage.milliCpu - charge.milliCpu, memory: usage.memory - charge.memory, pods: usage.pods - 1,
      hostPorts: usage.hostPorts.filter((p) => !charge.hostPorts.includes(p)), charges: rest,
    });
    return true;
  }
}
