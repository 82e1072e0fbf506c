// What the scheduler decides against: the nodes and what each has committed, read at most
// once per TTL and updated in place after each of our own binds. With node accounting the
// commitments come from the accounting items (one small query) rather than from every
// bound pod; staleness can cost a failed bind (the accounting transaction refuses it) but
// never an overcommit. A failed bind refreshes only the node it tried (one item read), not
// the whole snapshot: with 1000 nodes a full read costs thousands of items, and workers
// contending for the emptiest nodes fail binds often.
import { addPod, buildNodeInfos, emptyNodeInfo, holdsResources, type NodeInfo } from '../../scheduler/index.ts';
import type { NodeAccounting, NodeUsage } from '../../storage/node-accounting.ts';
import type { KubeObject, ObjectStore } from '../../storage/object-store.ts';
import { listItems } from '../list-items.ts';

const NODES = { group: '', resource: 'nodes' };
const PODS = { group: '', resource: 'pods' };

export class SchedulingSnapshot {
  private infos: NodeInfo[] | undefined;
  private takenAt = 0;
  /** The read in flight, shared by every concurrent caller (one read, not one per worker). */
  private reading: Promise<NodeInfo[]> | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly accounting: NodeAccounting | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async nodeInfos(): Promise<NodeInfo[]> {
    if (this.infos && this.now() - this.takenAt <= this.ttlMs) return this.infos;
    if (!this.reading) {
      const reading = this.read().then((infos) => {
        // An invalidate() while this read was in flight wins: its caller wants a newer view.
        if (this.reading === reading) {
          this.infos = infos;
          this.takenAt = this.now();
        }
        return infos;
      });
      this.reading = reading;
      void reading.finally(() => {
        if (this.reading === reading) this.reading = undefined;
      }).catch(() => undefined);
    }
    return this.reading;
  }

  /** The view as of this instant (undefined while none is held): what schedule() must see. */
  current(): NodeInfo[] | undefined {
    return this.infos;
  }

  /**
   * Counts a pod on its chosen node before the bind is written (kube's assume), so that
   * workers choosing at the same moment see it: without it, concurrent pods all pick the
   * same emptiest node. A bind that fails undoes it with refreshNode().
   */
  assume(node: string, pod: KubeObject): void {
    this.infos = this.infos?.map((i) => (i.name === node ? addPod(i, pod) : i));
  }

  /** Re-reads one node's commitments after a bind to it was refused. */
  async refreshNode(node: string): Promise<void> {
    if (!this.accounting) return this.invalidate();
    const usage = await this.accounting.usage(node);
    this.infos = this.infos?.map((i) => (i.name === node ? withUsage(emptyNodeInfo(i.node), usage) : i));
  }

  invalidate(): void {
    this.infos = undefined;
    this.reading = undefined;
  }

  private async read(): Promise<NodeInfo[]> {
    const nodes = await listItems(this.store, NODES);
    if (this.accounting) {
      const usage = await this.accounting.usageAll();
      return nodes.map((n) => withUsage(emptyNodeInfo(n), usage.get(n.metadata.name ?? '')));
    }
    const bound = (await listItems(this.store, PODS)).filter((p) => (p['spec'] as { nodeName?: string } | undefined)?.nodeName && holdsResources(p));
    return buildNodeInfos(nodes, bound);
  }
}

/** A node's committed totals as a NodeInfo. Per-pod detail (owner spreading) is not kept. */
function withUsage(info: NodeInfo, usage: NodeUsage | undefined): NodeInfo {
  if (!usage) return info;
  const requested = { milliCpu: usage.milliCpu, memory: usage.memory, pods: BigInt(usage.pods), scalar: {} };
  return { ...info, requested, nonZeroRequested: requested, podCount: usage.pods, usedHostPorts: new Set(usage.hostPorts) };
}
