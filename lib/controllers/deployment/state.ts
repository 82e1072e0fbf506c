// The world as one planning pass sees it. kube's controller writes as it goes and later
// steps read what earlier ones wrote; here each step edits private copies instead and
// records the write it stands for, so the later steps see the same state kube's would and
// the plan is the list of recorded writes.
import { rfc3339 } from '../../core/clock.ts';
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasAnnotations, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.ts';
import type { Deployment, DeploymentCondition } from './types.ts';

export interface ScaleOp {
  name: string;
  replicas: number;
  /** desired-replicas and max-replicas, written with the new size. */
  annotations: Record<string, string>;
}

export interface AnnotateOp {
  name: string;
  /** Only the annotations that change. */
  annotations: Record<string, string>;
  /** The Deployment's minReadySeconds, when the ReplicaSet's differs. */
  minReadySeconds?: number;
}

export class PlanState {
  readonly nowText: string;
  /** Working copies of the claimed ReplicaSets, plus the one this pass creates. */
  readonly replicaSets: ReplicaSet[];
  created?: ReplicaSet;
  readonly scales = new Map<string, ScaleOp>();
  readonly annotates = new Map<string, AnnotateOp>();
  readonly deletes: string[] = [];
  /** The Deployment's conditions as the status writes so far would have left them. */
  conditions: DeploymentCondition[];
  /** The revision annotation the Deployment itself should carry. */
  revision?: string;
  /** Set when the new ReplicaSet's name is taken by a different template. */
  collision = false;
  /** Desired pods when the rollout step began (kube computes unavailableReplicas from these). */
  specTotalAtStart = 0;

  constructor(
    readonly d: Deployment,
    claimed: readonly ReplicaSet[],
    readonly now: Date,
  ) {
    this.nowText = rfc3339(now);
    this.replicaSets = claimed.map((rs) => structuredClone(rs));
    this.conditions = structuredClone(d.status?.conditions ?? []);
  }

  isCreated(rs: ReplicaSet): boolean {
    return rs === this.created;
  }

  /**
   * kube's scaleReplicaSet: writes when the size or the replica annotations are stale.
   * Returns whether the size changed. Scaling the ReplicaSet this pass creates edits the
   * create instead of adding a write.
   */
  scale(rs: ReplicaSet, replicas: number): boolean {
    const sizeChanges = specReplicas(rs) !== replicas;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, this.d)) return false;
    rs.spec = { ...rs.spec, replicas };
    setReplicasAnnotations(rs, this.d);
    if (!this.isCreated(rs)) {
      const name = rs.metadata.name ?? '';
      this.scales.set(name, { name, replicas, annotations: replicasAnnotations(this.d) });
    }
    return sizeChanges;
  }

  /** kube's scaleReplicaSetAndRecordEvent: nothing at all when the size is already right. */
  scaleIfDifferent(rs: ReplicaSet, replicas: number): boolean {
    return specReplicas(rs) === replicas ? false : this.scale(rs, replicas);
  }

  recordAnnotate(rs: ReplicaSet, before: Record<string, string>, minReadySeconds?: number): void {
    const name = rs.metadata.name ?? '';
    const changed: Record<string, string> = {};
    for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (before[k] !== v) changed[k] = v;
    const op: AnnotateOp = { ...this.annotates.get(name), name, annotations: { ...this.annotates.get(name)?.annotations, ...changed } };
    if (minReadySeconds !== undefined) op.minReadySeconds = minReadySeconds;
    this.annotates.set(name, op);
  }
}
