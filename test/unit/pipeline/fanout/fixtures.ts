// Object builders for the fanout routing tables: just the fields routing reads.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { routeChange, type Change } from '../../../../lib/pipeline/fanout-routes.ts';
import { encodeKey } from '../../../../lib/pipeline/work-key.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

export interface PodOpts {
  ns?: string;
  nodeName?: string;
  schedulerName?: string;
  phase?: string;
  ready?: boolean;
  podIP?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owners?: OwnerReference[];
  deleting?: boolean;
  finalizers?: string[];
}

export function pod(name: string, o: PodOpts = {}): KubeObject {
  const status: Record<string, unknown> = { phase: o.phase ?? 'Pending' };
  if (o.ready !== undefined) status['conditions'] = [{ type: 'Ready', status: o.ready ? 'True' : 'False' }];
  if (o.podIP) {
    status['podIP'] = o.podIP;
    status['podIPs'] = [{ ip: o.podIP }];
  }
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] };
  if (o.nodeName) spec['nodeName'] = o.nodeName;
  if (o.schedulerName) spec['schedulerName'] = o.schedulerName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, o.ns ?? 'default', o), spec, status };
}

export interface MetaOpts {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owners?: OwnerReference[];
  deleting?: boolean;
  finalizers?: string[];
}

export function meta(name: string, namespace: string | undefined, o: MetaOpts = {}): KubeObject['metadata'] {
  const m: KubeObject['metadata'] = { name, uid: `uid-${name}` };
  if (namespace) m.namespace = namespace;
  if (o.labels) m.labels = o.labels;
  if (o.annotations) m.annotations = o.annotations;
  if (o.owners) m.ownerReferences = o.owners;
  if (o.finalizers) m.finalizers = o.finalizers;
  if (o.deleting) (m as Record<string, unknown>)['deletionTimestamp'] = '2025-01-01T00:00:00Z';
  return m;
}

export function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, o: MetaOpts = {}, rest: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: meta(name, namespace, o), ...rest };
}

export function ref(kind: string, name: string, o: { apiVersion?: string; controller?: boolean; block?: boolean } = {}): OwnerReference {
  const r: OwnerReference = { apiVersion: o.apiVersion ?? (kind === 'Node' ? 'v1' : 'apps/v1'), kind, name, uid: `uid-${name}` };
  if (o.controller ?? true) r.controller = true;
  if (o.block) r.blockOwnerDeletion = true;
  return r;
}

export interface NodeOpts {
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
  taints?: { key: string; effect: string }[];
  labels?: Record<string, string>;
  ready?: string;
  heartbeat?: string;
}

export function node(name: string, o: NodeOpts = {}): KubeObject {
  const spec: Record<string, unknown> = {};
  if (o.unschedulable !== undefined) spec['unschedulable'] = o.unschedulable;
  if (o.taints) spec['taints'] = o.taints;
  const status = {
    allocatable: o.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: o.ready ?? 'True', lastHeartbeatTime: o.heartbeat ?? '2025-01-01T00:00:00Z' }],
  };
  return { apiVersion: 'v1', kind: 'Node', metadata: meta(name, undefined, o), spec, status };
}

export const PODS = { group: '', resource: 'pods' };
export const NODES = { group: '', resource: 'nodes' };
export const RS = { group: 'apps', resource: 'replicasets' };
export const DEPLOY = { group: 'apps', resource: 'deployments' };

/** Routes as "queue encodedKey" lines: compact to read in a table, and order-sensitive. */
export function routes(change: Change): string[] {
  return routeChange(change).map((r) => `${r.queue} ${encodeKey(r.key)}`);
}

/** Only the routes to one queue. */
export function routesTo(queue: string, change: Change): string[] {
  return routes(change).filter((r) => r.startsWith(`${queue} `));
}

export interface Case {
  name: string;
  change: Change;
  want: string[];
}
