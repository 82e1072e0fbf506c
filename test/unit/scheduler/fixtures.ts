// Builders for the Node and Pod objects the scheduler tests feed in. Pods carry the
// tolerations the DefaultTolerationSeconds admission adds to every real pod, so the tests
// see what the scheduler sees in a cluster.
import type { Affinity, Container, ContainerPort, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

export const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  /** More allocatable entries, e.g. { 'example.com/gpu': '2' }. */
  extra?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** The Ready condition's status; null for a node that has reported no conditions. */
  ready?: 'True' | 'False' | 'Unknown' | null;
}

export function node(name: string, o: NodeOptions = {}): KubeObject {
  const ready = o.ready === undefined ? 'True' : o.ready;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra },
      conditions: ready === null ? [] : [{ type: 'Ready', status: ready }],
    },
  };
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  /** Requests of a single app container (ignored when `containers` is given). */
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  ports?: ContainerPort[];
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string>;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  nodeName?: string;
  phase?: string;
  /** uid of the controlling ReplicaSet. */
  owner?: string;
  priority?: number;
  preemptionPolicy?: string;
  deleting?: boolean;
}

export function pod(name: string, o: PodOptions = {}): KubeObject {
  const resources = { ...(o.requests ? { requests: o.requests } : {}), ...(o.limits ? { limits: o.limits } : {}) };
  const containers = o.containers ?? [{ name: 'app', image: 'busybox', resources, ...(o.ports ? { ports: o.ports } : {}) }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: o.owner, controller: true }] } : {}),
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      containers,
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.overhead ? { overhead: o.overhead } : {}),
      tolerations: o.tolerations ?? DEFAULT_TOLERATIONS,
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
    },
    status: { phase: o.phase ?? (o.nodeName ? 'Running' : 'Pending') },
  };
}

/** An app or init container with the given requests (and optional limits / restartPolicy). */
export function ctr(name: string, requests?: Record<string, string>, extra: Partial<Container> = {}): Container {
  return { name, image: 'busybox', resources: requests ? { requests } : {}, ...extra };
}

/** `pod` bound to `nodeName` (phase Running unless given). */
export function bound(name: string, nodeName: string, o: PodOptions = {}): KubeObject {
  return pod(name, { ...o, nodeName });
}

export const GiB = 1024n ** 3n;
export const MiB = 1024n ** 2n;
