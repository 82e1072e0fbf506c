// Old ReplicaSets beyond spec.revisionHistoryLimit go, oldest revision first (kube's
// cleanupDeployment). Only ones that are fully scaled down and settled: deleting a
// ReplicaSet that still has pods would take them with it.
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { byRevision } from './replica-sets.ts';
import type { PlanState } from './state.ts';

const UNLIMITED = 2147483647;

export function cleanupOldReplicaSets(state: PlanState, oldRSs: readonly ReplicaSet[]): void {
  const limit = state.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === UNLIMITED) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const excess = cleanable.length - limit;
  for (const rs of cleanable.slice(0, Math.max(0, excess))) {
    const settled = (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || !settled) continue;
    const name = rs.metadata.name ?? '';
    if (!state.deletes.includes(name)) state.deletes.push(name);
  }
}
