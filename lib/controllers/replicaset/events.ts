// Events the ReplicaSet controller records, worded as kube's controller_utils records them
// (`kubectl describe rs` shows these). Recording is best effort, as with kube's
// broadcaster: the write it describes has already happened, and failing the reconcile
// over a lost Event would only repeat work that is done.
import type { RegistryContext } from '../../registry/generic/context.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { recordEvent, type EventSpec } from '../events/recorder.ts';

export const REPLICASET_COMPONENT = 'replicaset-controller';

export async function recordBestEffort(ctx: RegistryContext, spec: EventSpec): Promise<void> {
  try {
    await recordEvent(ctx, spec);
  } catch {
    // Deliberately dropped: see the note at the top of this file.
  }
}

export function podCreated(ctx: RegistryContext, rs: KubeObject, pod: string): Promise<void> {
  return recordBestEffort(ctx, { involved: rs, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod}`, component: REPLICASET_COMPONENT });
}

export function podDeleted(ctx: RegistryContext, rs: KubeObject, pod: string): Promise<void> {
  return recordBestEffort(ctx, { involved: rs, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod}`, component: REPLICASET_COMPONENT });
}

export function podCreateFailed(ctx: RegistryContext, rs: KubeObject, err: unknown): Promise<void> {
  return recordBestEffort(ctx, { involved: rs, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${messageOf(err)}`, component: REPLICASET_COMPONENT });
}

export function podDeleteFailed(ctx: RegistryContext, rs: KubeObject, err: unknown): Promise<void> {
  return recordBestEffort(ctx, { involved: rs, type: 'Warning', reason: 'FailedDelete', message: `Error deleting: ${messageOf(err)}`, component: REPLICASET_COMPONENT });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
