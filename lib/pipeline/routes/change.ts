// The input of routing: one object's before and after, as the objects table's stream
// delivers it. Routing reads only these two images, never the store, so it stays a pure
// function that a replayed stream batch maps to the same routes.
import type { GroupResource } from '../../api/errors.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { keyFor, type WorkKey } from '../work-key.ts';

export interface Change {
  /** e.g. {group:'', resource:'pods'}, {group:'apps', resource:'replicasets'} */
  resource: GroupResource;
  /** Absent on create. */
  old?: KubeObject;
  /** Absent on delete. */
  new?: KubeObject;
}

export const PODS: GroupResource = { group: '', resource: 'pods' };
export const NODES: GroupResource = { group: '', resource: 'nodes' };
export const NAMESPACES: GroupResource = { group: '', resource: 'namespaces' };
export const SERVICES: GroupResource = { group: '', resource: 'services' };
export const REPLICASETS: GroupResource = { group: 'apps', resource: 'replicasets' };
export const DEPLOYMENTS: GroupResource = { group: 'apps', resource: 'deployments' };
export const LEASES: GroupResource = { group: 'coordination.k8s.io', resource: 'leases' };
export const ENDPOINT_SLICES: GroupResource = { group: 'discovery.k8s.io', resource: 'endpointslices' };

export function isResource(change: Change, gr: GroupResource): boolean {
  return change.resource.group === gr.group && change.resource.resource === gr.resource;
}

/** The changed object's own key; undefined only for an image without a name (never stored). */
export function changedKey(change: Change): WorkKey | undefined {
  const obj = change.new ?? change.old;
  return obj ? namedKey(change.resource, obj.metadata?.namespace, obj.metadata?.name) : undefined;
}

/** A key, or undefined when the name is empty: an unnamed key could not be decoded back. */
export function namedKey(gr: GroupResource, namespace: string | undefined, name: string | undefined): WorkKey | undefined {
  return name ? keyFor(gr, namespace ? { namespace, name } : { name }) : undefined;
}

/** Drops the keys that could not be formed. */
export function present(keys: readonly (WorkKey | undefined)[]): WorkKey[] {
  return keys.filter((k): k is WorkKey => k !== undefined);
}
