// How objects map onto the one DynamoDB table (ARCHITECTURE.md, "Key design"). The memory
// store uses the same keys so both list in the same order: etcd's byte order of
// /registry/<resource>/<namespace>/<name>.
import type { GroupResource } from '../api/errors.ts';
import type { ObjectKey } from './object-store.ts';

export function partitionKey(resource: GroupResource): string {
  return `o#${resource.group}/${resource.resource}`;
}

export function sortKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export function namespacePrefix(namespace: string): string {
  return `${namespace}/`;
}

export function keyOf(resource: GroupResource, meta: { namespace?: string; name?: string }): ObjectKey {
  return { resource, namespace: meta.namespace || undefined, name: meta.name ?? '' };
}

/** The sparse index that serves "pods bound to node X" for node agents. */
export function nodeIndexKey(resource: GroupResource, nodeName: string): string {
  return `${partitionKey(resource)}|${nodeName}`;
}

/** The revision counter lives in the same table, under a partition no resource can use. */
export const REVISION_KEY = { pk: '@meta', sk: 'revision' } as const;

/**
 * One DynamoDB item holds at most 400 KB including attribute names and keys; keep room for
 * them so an object either fits whole or is refused before the write.
 */
export const MAX_OBJECT_BYTES = 380_000;
