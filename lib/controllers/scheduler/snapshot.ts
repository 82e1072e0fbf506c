// What the scheduler decides against: the nodes and what each has committed, read at most
// once per TTL and updated in place after each of our own binds. With node accounting the
// commitments come from the accounting items (one small query) rather than from every
// bound pod; staleness can cost a failed bind (the accounting transaction refuses it) but
// never an overcommit.
import { addPod, buildNodeInfos, emptyNodeInfo, holdsResources, type NodeInfo } from '../../scheduler/index.ts';
import type { NodeAccounting, NodeUsage } from '../../storage/node-accounting.ts';
import type { KubeObject, ObjectStore } from '../../storage/object-store.ts';

const NODES = { group: '', resource: 'nodes' };
const PODS = { group: '', resource: 'pods' };

export class SchedulingSnapshot {
  private infos: NodeInfo[] | undefined;
  private takenAt = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly accounting: NodeAccounting | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async nodeInfos(): Promise<NodeInfo[]> {
    if (!this.infos || this.now() - this.takenAt > this.ttlMs) {
      this.infos = await this.read();
      this.takenAt = this.now();
    }
    return this.infos;
  }

  recordBind(node: string, pod: KubeObject): void {
    this.infos = this.infos?.map((i) => (i.name === node ? addPod(i, pod) : i));
  }

  invalidate(): void {
    this.infos = undefined;
  }

  private async read(): Promise<NodeInfo[]> {
    const nodes = (await this.store.list(NODES)).items;
    if (this.accounting) {
      const usage = await this.accounting.usageAll();
      return nodes.map((n) => withUsage(emptyNodeInfo(n), usage.get(n.metadata.name ?? '')));
    }
    const bound = (await this.store.list(PODS)).items.filter((p) => (p['spec'] as { nodeName?: string } | undefined)?.nodeName && holdsResources(p));
    return buildNodeInfos(nodes, bound);
  }
}

/** A node's committed totals as a NodeInfo. Per-pod detail (owner spreading) is not kept. */
function withUsage(info: NodeInfo, usage: NodeUsage | undefined): NodeInfo {
  if (!usage) return info;
  const requested = { milliCpu: usage.milliCpu, memory: usage.memory, pods: BigInt(usage.pods), scalar: {} };
  return { ...info, requested, nonZeroRequested: requested, podCount: usage.pods, usedHostPorts: new Set(usage.hostPorts) };
}
