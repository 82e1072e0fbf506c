// k8s.io/api/apps/v1 Deployment, which `kubectl create deployment` sends as protobuf, and
// ReplicaSet, which only the Deployment controller writes (its status is shaped by these
// specs, lib/api/schema/go-json-round-trip.ts). The pod template is core/v1's
// PodTemplateSpec. Field numbers are the real API's (generated.proto, v0.32); notation in
// field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const APPS_V1: MessageDefs = {
  Deployment: {
    metadata: '1 ObjectMeta',
    spec: '2 DeploymentSpec',
    status: '3 DeploymentStatus',
  },
  DeploymentSpec: {
    // *int32: `--replicas=0` arrives as a present zero and must stay "replicas": 0.
    replicas: '1 *int32',
    selector: '2 *LabelSelector',
    template: '3 PodTemplateSpec',
    strategy: '4 DeploymentStrategy',
    minReadySeconds: '5 int32',
    revisionHistoryLimit: '6 *int32',
    paused: '7 bool',
    progressDeadlineSeconds: '9 *int32',
  },
  DeploymentStrategy: {
    type: '1 string',
    rollingUpdate: '2 *RollingUpdateDeployment',
  },
  RollingUpdateDeployment: {
    maxUnavailable: '1 *IntOrString',
    maxSurge: '2 *IntOrString',
  },
  // Server-owned, but decoded so a protobuf status write means the same as a JSON one.
  DeploymentStatus: {
    observedGeneration: '1 int64',
    replicas: '2 int32',
    updatedReplicas: '3 int32',
    readyReplicas: '7 int32',
    availableReplicas: '4 int32',
    unavailableReplicas: '5 int32',
    conditions: '6 []DeploymentCondition',
    collisionCount: '8 *int32',
  },
  DeploymentCondition: {
    type: '1 string!',
    status: '2 string!',
    lastUpdateTime: '6 Time',
    lastTransitionTime: '7 Time',
    reason: '4 string',
    message: '5 string',
  },

  ReplicaSet: {
    metadata: '1 ObjectMeta',
    spec: '2 ReplicaSetSpec',
    status: '3 ReplicaSetStatus',
  },
  ReplicaSetSpec: {
    replicas: '1 *int32',
    minReadySeconds: '4 int32',
    selector: '2 *LabelSelector',
    template: '3 PodTemplateSpec',
  },
  ReplicaSetStatus: {
    // The one counter without omitempty: a ReplicaSet scaled to 0 still shows "replicas": 0.
    replicas: '1 int32!',
    fullyLabeledReplicas: '2 int32',
    readyReplicas: '4 int32',
    availableReplicas: '5 int32',
    observedGeneration: '3 int64',
    conditions: '6 []ReplicaSetCondition',
  },
  ReplicaSetCondition: {
    type: '1 string!',
    status: '2 string!',
    lastTransitionTime: '3 Time',
    reason: '4 string',
    message: '5 string',
  },
};
