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
  /**
   * How long before the namespace may go: processes that saw it Active may admit creates
   * into it until their cache entry (`admissionTtlMs`) runs out, so the contents are
   * listed once more after that. deletionTimestamp has whole seconds, hence one more.
   */
  settleMs: number;
}

export function planNamespaceDeletion<T extends { obj: KubeObject }>(
  namespace: KubeObject | undefined, contents: readonly T[], nowMs: number, admissionTtlMs: number,
): NamespacePlan<T> | undefined {
  if (!namespace?.metadata.deletionTimestamp) return undefined;
  const deletes = contents.filter((c) => !c.obj.metadata.deletionTimestamp);
  const settleMs = admissionTtlMs > 0 ? Math.max(0, Date.parse(namespace.metadata.deletionTimestamp) + admissionTtlMs + 1000 - nowMs) : 0;
  return { deletes, waitingFor: contents.length - deletes.length, finish: contents.length === 0, settleMs };
}
