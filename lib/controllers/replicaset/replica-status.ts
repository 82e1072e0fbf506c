// The status a pass writes (kube's calculateStatus): the plan's counts over what is
// stored, plus the ReplicaFailure condition, which records that creating or deleting pods
// failed (set once, kept until a pass manages its pods without error). Shaped as kube
// stores it: zero counters are omitempty except replicas, so a ReplicaSet scaled to 0 reads
// `{observedGeneration: N, replicas: 0}`.
import { isDeepStrictEqual } from 'node:util';
import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import { goJsonRoundTrip } from '../../api/schema/go-json-round-trip.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { ReplicaSetStatusCounts } from './plan.ts';
import type { ReplicaSet, ReplicaSetStatus } from './types.ts';

export const REPLICA_FAILURE = 'ReplicaFailure';

export interface ManageFailure {
  reason: 'FailedCreate' | 'FailedDelete';
  message: string;
}

export function nextReplicaSetStatus(rs: ReplicaSet, counts: ReplicaSetStatusCounts, failure: ManageFailure | undefined, now: Date): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...structuredClone(rs.status ?? {}), ...counts };
  const conditions = status.conditions ?? [];
  const existing = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (failure && !existing) {
    const condition: ReplicaSetCondition = { type: REPLICA_FAILURE, status: 'True', reason: failure.reason, message: failure.message, lastTransitionTime: rfc3339(now) };
    status.conditions = [...conditions, condition];
  } else if (!failure && existing) {
    const rest = conditions.filter((c) => c.type !== REPLICA_FAILURE);
    if (rest.length > 0) status.conditions = rest;
    else delete status.conditions;
  }
  return goJsonRoundTrip('ReplicaSetStatus', status);
}

/** Written only when something differs: an unchanged status would still cost a revision. */
export function statusDiffers(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  return !isDeepStrictEqual(rs.status ?? {}, next);
}
