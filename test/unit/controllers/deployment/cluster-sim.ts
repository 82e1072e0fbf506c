// A tiny in-memory cluster that applies the two plans the way the lead's reconcilers
// will (writes are instant, pods start unready), so tests can walk a rollout step by step
// and check the Deployment guarantees at every point in between.
import { planDeployment } from '../../../../lib/controllers/deployment/plan.ts';
import type { DeploymentPlan } from '../../../../lib/controllers/deployment/plan.ts';
import type { Deployment, DeploymentStrategy } from '../../../../lib/controllers/deployment/types.ts';
import { podReady, planReplicaSet, isActive } from '../../../../lib/controllers/replicaset/plan.ts';
import type { Pod, ReplicaSet } from '../../../../lib/controllers/replicaset/types.ts';

export const START = new Date('2026-01-01T00:00:00Z');

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function deployment(name: string, o: { replicas?: number; image?: string; strategy?: DeploymentStrategy; limit?: number; deadline?: number; minReadySeconds?: number } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1, annotations: {} },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1' }] } },
      strategy: o.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: o.limit ?? 10,
      progressDeadlineSeconds: o.deadline ?? 600,
      minReadySeconds: o.minReadySeconds ?? 0,
    },
    status: {},
  };
}

export class Cluster {
  now = START;
  readonly deployments = new Map<string, Deployment>();
  readonly replicaSets = new Map<string, ReplicaSet>();
  readonly pods = new Map<string, Pod>();
  /** Deleted pods linger as terminating until reaped, as with a grace period. */
  graceful = false;
  private counter = 0;
  lastPlan?: DeploymentPlan;

  add(d: Deployment): void {
    this.deployments.set(d.metadata.name ?? '', structuredClone(d));
  }

  /** Changes the spec as a user would: generation moves on. */
  edit(name: string, change: (d: Deployment) => void): void {
    const d = this.deployments.get(name)!;
    change(d);
    d.metadata = { ...d.metadata, generation: (d.metadata.generation ?? 0) + 1 };
  }

  advance(seconds: number): void {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }

  private uid(prefix: string): string {
    return `${prefix}-${++this.counter}`;
  }

  syncDeployment(name: string): DeploymentPlan {
    const d = this.deployments.get(name)!;
    const plan = planDeployment(d, [...this.replicaSets.values()], [...this.pods.values()], this.now);
    for (const rs of plan.updates) {
      const before = this.replicaSets.get(rs.metadata.name ?? '')!;
      const next = structuredClone(rs);
      if (JSON.stringify(before.spec) !== JSON.stringify(rs.spec)) next.metadata = { ...next.metadata, generation: (before.metadata.generation ?? 1) + 1 };
      this.replicaSets.set(rs.metadata.name ?? '', next);
    }
    if (plan.createReplicaSet) {
      const rs = structuredClone(plan.createReplicaSet);
      if (this.replicaSets.has(rs.metadata.name ?? '')) throw new Error(`AlreadyExists: ${rs.metadata.name}`);
      rs.metadata = { ...rs.metadata, uid: this.uid('rs'), generation: 1, creationTimestamp: iso(new Date(this.now.getTime() + this.counter)) };
      rs.status = { replicas: 0 };
      this.replicaSets.set(rs.metadata.name ?? '', rs);
    }
    for (const n of plan.delete) this.replicaSets.delete(n);
    if (plan.revision) d.metadata.annotations = { ...d.metadata.annotations, 'deployment.kubernetes.io/revision': plan.revision };
    d.status = structuredClone(plan.status);
    this.lastPlan = plan;
    return plan;
  }

  syncReplicaSets(): void {
    for (const rs of [...this.replicaSets.values()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      const plan = planReplicaSet(rs, [...this.pods.values()], this.now);
      for (const p of [...plan.adopt, ...plan.release]) this.pods.set(p.metadata.name ?? '', p);
      for (const p of plan.create) {
        const created = structuredClone(p);
        const name = `${p.metadata.generateName}${++this.counter}`;
        created.metadata = { ...created.metadata, name, uid: this.uid('pod'), creationTimestamp: iso(this.now) };
        created.status = { phase: 'Pending' };
        this.pods.set(name, created);
      }
      for (const p of plan.delete) {
        const name = p.metadata.name ?? '';
        if (this.graceful) this.pods.set(name, { ...p, metadata: { ...p.metadata, deletionTimestamp: iso(this.now) } });
        else this.pods.delete(name);
      }
      // A second look, as the informer would trigger: status counts the pods just made.
      const after = planReplicaSet(rs, [...this.pods.values()], this.now);
      rs.status = { ...rs.status, ...after.status };
    }
  }

  /** The kubelet: up to `count` pending pods start and turn ready now. */
  startPods(count = Infinity): void {
    let started = 0;
    for (const p of this.pods.values()) {
      if (started >= count) break;
      if (!isActive(p) || podReady(p)) continue;
      p.spec = { ...p.spec!, nodeName: 'n1' };
      p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(this.now) }] };
      started++;
    }
  }

  reapTerminating(): void {
    for (const [name, p] of this.pods) if (p.metadata.deletionTimestamp) this.pods.delete(name);
  }

  /** Active pods per image, e.g. { 'nginx:1': 2, 'nginx:2': 1 }. */
  images(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.pods.values()) {
      if (!isActive(p)) continue;
      const image = p.spec?.containers[0]?.image ?? '';
      out[image] = (out[image] ?? 0) + 1;
    }
    return out;
  }

  activePods(): Pod[] {
    return [...this.pods.values()].filter(isActive);
  }

  readyPods(): Pod[] {
    return this.activePods().filter(podReady);
  }

  rs(name: string): ReplicaSet {
    return this.replicaSets.get(name)!;
  }

  /** Runs whole steps until the Deployment reports completion (or gives up). */
  settle(name: string, steps = 40): number {
    for (let i = 0; i < steps; i++) {
      this.syncDeployment(name);
      this.syncReplicaSets();
      this.startPods();
      this.syncReplicaSets();
      this.advance(5);
      if (this.complete(name)) {
        this.syncDeployment(name);
        return i;
      }
    }
    throw new Error(`${name} did not settle`);
  }

  complete(name: string): boolean {
    const d = this.deployments.get(name)!;
    const s = d.status ?? {};
    const want = d.spec?.replicas ?? 1;
    // Counters at 0 are absent (omitempty), as in kube.
    return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  }
}
