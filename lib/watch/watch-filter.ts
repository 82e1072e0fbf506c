// Which event, if any, one watcher sees for one change, as kube's watch cache decides it:
// with selectors, an object that starts matching is ADDED, one that stops matching is
// DELETED, and changes invisible to the selector are not sent at all.
import { matchesFieldSet, matchesFields, type FieldSelector } from '../api/selectors/field-selector.ts';
import { matchesLabels, type LabelSelector } from '../api/selectors/label-selector.ts';
import type { ChangeEntry } from '../storage/change-log.ts';
import type { KubeObject } from '../storage/object-store.ts';

export interface WatchFilter {
  /** "<group>/<resource>" as in the change log. */
  resource: string;
  namespace?: string;
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
  fieldSet?: (obj: KubeObject) => Record<string, string>;
}

export type ObjectEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject };

export function matches(filter: WatchFilter, obj: KubeObject): boolean {
  if (filter.namespace && obj.metadata.namespace !== filter.namespace) return false;
  if (filter.labelSelector && !matchesLabels(filter.labelSelector, obj.metadata.labels)) return false;
  if (filter.fieldSelector) {
    return filter.fieldSet ? matchesFieldSet(filter.fieldSelector, filter.fieldSet(obj)) : matchesFields(filter.fieldSelector, obj);
  }
  return true;
}

export function eventFor(filter: WatchFilter, entry: ChangeEntry): ObjectEvent | undefined {
  if (entry.type === 'GAP' || entry.resource !== filter.resource || !entry.object) return undefined;
  const now = matches(filter, entry.object);
  switch (entry.type) {
    case 'ADDED':
      return now ? { type: 'ADDED', object: entry.object } : undefined;
    case 'DELETED':
      return now ? { type: 'DELETED', object: entry.object } : undefined;
    case 'MODIFIED': {
      // Without the old state we cannot tell a transition; assume it matched as it matches now.
      const before = entry.old ? matches(filter, entry.old) : now;
      if (now && before) return { type: 'MODIFIED', object: entry.object };
      if (now) return { type: 'ADDED', object: entry.object };
      if (before) return { type: 'DELETED', object: entry.object };
      return undefined;
    }
  }
}
