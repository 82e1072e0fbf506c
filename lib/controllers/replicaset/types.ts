// Typed views of the objects the workload controllers read. The store hands out
// KubeObjects; these only name the fields the plans look at, so a caller casts once at
// the edge (`obj as Pod`) and the plans stay free of `unknown` plumbing.
import type { PodSpec, PodStatus, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector as LabelSelectorSpec } from 'kubernetes-types/meta/v1';
import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../storage/object-store.ts';

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelectorSpec;
  template?: PodTemplateSpec;
}

/** Every counter optional: a freshly created object may carry `{}` or `{ replicas: 0 }`. */
export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface ReplicaSet extends KubeObject {
  spec?: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

/** The API default for an unset replicas field (the registry defaults it, but plans may see raw input). */
export function specReplicas(obj: { spec?: { replicas?: number } }): number {
  return obj.spec?.replicas ?? 1;
}
