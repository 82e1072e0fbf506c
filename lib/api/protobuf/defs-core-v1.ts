// k8s.io/api/core/v1 top-level kinds kubectl's typed `create` commands send as protobuf:
// Namespace, ConfigMap, Secret, ServiceAccount and Service. Pod templates are in
// defs-core-v1-pod.ts, containers and volumes in their own files. Field numbers are the real
// API's (generated.proto, v0.32); the notation is explained in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const CORE_V1: MessageDefs = {
  Namespace: {
    metadata: '1 ObjectMeta',
    spec: '2 NamespaceSpec',
    status: '3 NamespaceStatus',
  },
  NamespaceSpec: {
    finalizers: '1 []string',
  },
  NamespaceStatus: {
    phase: '1 string',
    conditions: '2 []NamespaceCondition',
  },
  NamespaceCondition: {
    type: '1 string!',
    status: '2 string!',
    lastTransitionTime: '4 Time',
    reason: '5 string',
    message: '6 string',
  },

  ConfigMap: {
    metadata: '1 ObjectMeta',
    immutable: '4 *bool',
    data: '2 {string}',
    // map<string, bytes>: protobuf carries the raw bytes, JSON carries them base64-encoded.
    binaryData: '3 {bytes}',
  },
  Secret: {
    metadata: '1 ObjectMeta',
    immutable: '5 *bool',
    data: '2 {bytes}',
    stringData: '4 {string}',
    type: '3 string',
  },

  ServiceAccount: {
    metadata: '1 ObjectMeta',
    secrets: '2 []ObjectReference',
    imagePullSecrets: '3 []LocalObjectReference',
    automountServiceAccountToken: '4 *bool',
  },
  ObjectReference: {
    kind: '1 string',
    namespace: '2 string',
    name: '3 string',
    uid: '4 string',
    apiVersion: '5 string',
    resourceVersion: '6 string',
    fieldPath: '7 string',
  },
  LocalObjectReference: {
    name: '1 string',
  },

  Service: {
    metadata: '1 ObjectMeta',
    spec: '2 ServiceSpec',
    status: '3 ServiceStatus',
  },
  ServiceSpec: {
    ports: '1 []ServicePort',
    selector: '2 {string}',
    clusterIP: '3 string',
    clusterIPs: '18 []string',
    type: '4 string',
    externalIPs: '5 []string',
    sessionAffinity: '7 string',
    loadBalancerIP: '8 string',
    loadBalancerSourceRanges: '9 []string',
    externalName: '10 string',
    externalTrafficPolicy: '11 string',
    healthCheckNodePort: '12 int32',
    publishNotReadyAddresses: '13 bool',
    sessionAffinityConfig: '14 *SessionAffinityConfig',
    ipFamilies: '19 []string',
    ipFamilyPolicy: '17 *string',
    allocateLoadBalancerNodePorts: '20 *bool',
    loadBalancerClass: '21 *string',
    internalTrafficPolicy: '22 *string',
    trafficDistribution: '23 *string',
  },
  ServicePort: {
    name: '1 string',
    protocol: '2 string',
    appProtocol: '6 *string',
    port: '3 int32!',
    // A non-pointer IntOrString: always emitted, 0 when unset (encoding/json never omits structs).
    targetPort: '4 IntOrString',
    nodePort: '5 int32',
  },
  SessionAffinityConfig: {
    clientIP: '1 *ClientIPConfig',
  },
  ClientIPConfig: {
    timeoutSeconds: '1 *int32',
  },
  // Status is server-owned, but a Go client still sends the empty struct, and kube's JSON for
  // a new Service is `"status": {"loadBalancer": {}}`; decoding it keeps the two paths identical.
  ServiceStatus: {
    loadBalancer: '1 LoadBalancerStatus',
    conditions: '2 []Condition',
  },
  LoadBalancerStatus: {
    ingress: '1 []LoadBalancerIngress',
  },
  LoadBalancerIngress: {
    ip: '1 string',
    hostname: '2 string',
    ipMode: '3 *string',
    ports: '4 []PortStatus',
  },
  PortStatus: {
    port: '1 int32!',
    protocol: '2 string!',
    error: '3 *string',
  },
};
