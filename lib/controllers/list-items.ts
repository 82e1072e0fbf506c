// How controllers list: they reconcile from current state and never use a list's
// revision, so the store is told to skip reading it (one counter GetItem per list saved).
import type { GroupResource } from '../api/errors.ts';
import type { KubeObject, ListOptions, ObjectStore } from '../storage/object-store.ts';

export async function listItems(store: ObjectStore, resource: GroupResource, options: Omit<ListOptions, 'skipRevision'> = {}): Promise<KubeObject[]> {
  return (await store.list(resource, { ...options, skipRevision: true })).items;
}
