// The change log a watch reads: one entry per committed revision, written by the fanout
// from the table's stream (so writes stay single-item), plus GAP entries for revisions
// that were allocated but never committed. Entries below the floor have been compacted
// away: a watch from there gets 410 Gone.
import type { KubeObject } from './object-store.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ChangeEntry {
  revision: bigint;
  /** GAP: the revision was allocated but its write failed; nothing happened at it. */
  type: ChangeType | 'GAP';
  /** "<group>/<resource>", e.g. "/pods", "apps/deployments". Absent for GAP. */
  resource?: string;
  namespace?: string;
  object?: KubeObject;
  /** The previous state of a MODIFIED or DELETED object, when it fit in the entry. */
  old?: KubeObject;
}

export interface ChangeLog {
  append(entries: ChangeEntry[]): Promise<void>;
  /** Entries with revision > after, in revision order, at most `limit`. */
  readAfter(after: bigint, limit: number): Promise<ChangeEntry[]>;
  /** The highest compacted revision (0 when nothing was compacted). */
  floor(): Promise<bigint>;
  /** Removes entries written before `cutoff`; raises the floor to the highest removed. */
  compact(cutoff: Date): Promise<number>;
}

export function resourceName(resource: { group: string; resource: string }): string {
  return `${resource.group}/${resource.resource}`;
}
