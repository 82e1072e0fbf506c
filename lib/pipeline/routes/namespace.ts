// The namespace controller only acts on namespaces being deleted: it empties them and then
// removes the "kubernetes" finalizer. A namespace without a deletionTimestamp needs nothing.
import type { WorkKey } from '../work-key.ts';
import { type Change, NAMESPACES, changedKey, isResource, present } from './change.ts';
import { isBeingDeleted } from './object-fields.ts';

export function namespaceKeys(change: Change): WorkKey[] {
  return isResource(change, NAMESPACES) && isBeingDeleted(change.new) ? present([changedKey(change)]) : [];
}
