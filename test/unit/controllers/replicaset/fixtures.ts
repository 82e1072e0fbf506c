// Small builders for ReplicaSet plan tests: only the fields each case is about.
import type { Pod, ReplicaSet } from '../../../../lib/controllers/replicaset/types.ts';

export const NOW = new Date('2026-01-01T01:00:00Z');

export function at(secondsBeforeNow: number): string {
  return new Date(NOW.getTime() - secondsBeforeNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function replicaSet(replicas: number, extra: { minReadySeconds?: number; deleting?: boolean; controlled?: boolean; generation?: number } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'rs-uid',
      generation: extra.generation ?? 1,
      ...(extra.deleting ? { deletionTimestamp: at(1) } : {}),
      ...(extra.controlled ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }] } : {}),
    },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds ?? 0,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' }, annotations: { note: 'x' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1' }] },
      },
    },
    status: { replicas: 0 },
  };
}

export interface PodOptions {
  owner?: string | null;
  labels?: Record<string, string>;
  phase?: string;
  /** Seconds the pod has been ready; false for not ready. */
  ready?: number | false;
  node?: string;
  createdAgo?: number;
  deleting?: boolean;
  restarts?: number;
  cost?: number;
}

export function pod(name: string, o: PodOptions = {}): Pod {
  const owner = o.owner === undefined ? 'rs-uid' : o.owner;
  const ready = o.ready ?? 100;
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? { app: 'web', tier: 'front' },
      creationTimestamp: at(o.createdAgo ?? 1000),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: owner, controller: true }] } : {}),
      ...(o.deleting ? { deletionTimestamp: at(1) } : {}),
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx:1' }], ...(o.node !== '' ? { nodeName: o.node ?? 'n1' } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [ready === false ? { type: 'Ready', status: 'False' } : { type: 'Ready', status: 'True', lastTransitionTime: at(ready) }],
      containerStatuses: [{ name: 'c', image: 'nginx:1', imageID: '', ready: ready !== false, restartCount: o.restarts ?? 0 }],
    },
  };
  return p;
}
