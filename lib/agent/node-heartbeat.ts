// The node side of liveness: register the Node (or adopt an existing one, fixing its
// labels), renew the Lease in kube-node-lease, and re-report the node status when it
// differs from what the apiserver holds (the node lifecycle controller may have marked it
// Unknown) or the last report is old. A Node that was deleted is registered again.
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node } from 'kubernetes-types/core/v1';
import type { Clock } from '../core/clock.ts';
import { rfc3339 } from '../core/clock.ts';
import { isApiError, type AgentApi } from './agent-api.ts';
import { newNodeLease, NODE_LEASE_NAMESPACE, renewedLease } from './lease.ts';
import { missingLabels, newNode, nodeStatus, nodeStatusStale, type NodeFacts } from './node-object.ts';

export interface HeartbeatOptions {
  /** Report an unchanged status at least this often (kubelet: 5 min). */
  reportEveryMs: number;
}

export class NodeHeartbeat {
  private node: Node | undefined;
  private lease: Lease | undefined;
  private lastReportMs: number | undefined;

  constructor(private readonly api: AgentApi, private readonly facts: NodeFacts, private readonly clock: Clock, private readonly opts: HeartbeatOptions) {}

  get registered(): boolean {
    return this.node !== undefined;
  }

  /** One round: node, lease, status. Throws on failure; the caller retries next round. */
  async beat(): Promise<void> {
    if (!this.node) await this.register();
    await this.renewLease();
    await this.reportStatus();
  }

  private async register(): Promise<void> {
    const now = this.clock.now();
    try {
      this.node = await this.api.createNode(newNode(this.facts, rfc3339(now)));
      this.lastReportMs = now.getTime();
      return;
    } catch (err) {
      if (!isApiError(err, 409)) throw err;
    }
    const existing = await this.api.getNode(this.facts.name);
    if (!existing) throw new Error(`node ${this.facts.name} exists and cannot be read`);
    const labels = missingLabels(existing, this.facts);
    if (labels) await this.api.patchNodeLabels(this.facts.name, labels);
    this.node = existing;
    this.lastReportMs = undefined;
  }

  private async renewLease(): Promise<void> {
    const now = this.clock.now();
    const name = this.facts.name;
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = this.lease ?? (await this.api.getLease(NODE_LEASE_NAMESPACE, name));
      try {
        this.lease = current
          ? await this.api.replaceLease(renewedLease(current, name, now))
          : await this.api.createLease(newNodeLease(name, this.node?.metadata?.uid, now));
        return;
      } catch (err) {
        // Someone else wrote it (or it went): read it again once.
        this.lease = undefined;
        if (!isApiError(err, 409) && !isApiError(err, 404)) throw err;
      }
    }
  }

  private async reportStatus(): Promise<void> {
    const now = this.clock.now();
    const stored = await this.api.getNode(this.facts.name);
    if (!stored) {
      // Deleted under us: register again next round.
      this.node = undefined;
      this.lease = undefined;
      throw new Error(`node ${this.facts.name} was deleted; registering it again`);
    }
    this.node = stored;
    const desired = nodeStatus(this.facts, stored.status, rfc3339(now));
    if (!nodeStatusStale(stored.status, desired, this.lastReportMs, now.getTime(), this.opts.reportEveryMs)) return;
    await this.api.patchNodeStatus(this.facts.name, desired);
    this.lastReportMs = now.getTime();
  }
}
