// What the namespace controller does next for a namespace being deleted, as a pure
// decision: delete what is still there, wait for what is already going, and finish when
// nothing is left (kube's namespace controller, without its discovery dance).
import type { KubeObject } from '../../storage/object-store.ts';

export interface NamespacePlan<T> {
  /** Objects to delete now. */
  deletes: T[];
  /** Objects already marked for deletion (finalizers, graceful pods): wait for them. */
  waitingFor: number;
  /** Nothing is left: the namespace itself can go. */
  finish: boolean;
}

export function planNamespaceDeletion<T extends { obj: KubeObject }>(namespace: KubeObject | undefined, contents: readonly T[]): NamespacePlan<T> | undefined {
  if (!namespace?.metadata.deletionTimestamp) return undefined;
  const deletes = contents.filter((c) => !c.obj.metadata.deletionTimestamp);
  return { deletes, waitingFor: contents.length - deletes.length, finish: contents.length === 0 };
}
