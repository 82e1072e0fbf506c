// Carries out a SlicePlan through the generic registry: creates missing slices, brings
// changed ones to their planned content (conditional on the revision that was read), and
// deletes our surplus slices (preconditioned on uid and revision). Any conflict, namesake
// or vanished object is thrown to the caller, which re-reads and plans again.
import type { RegistryContext } from '../../registry/generic/context.ts';
import { createObject } from '../../registry/generic/create.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { SlicePlan } from './slice-plan.ts';
import { asControllerManager } from '../field-managers.ts';

export async function applySlices(ctx: RegistryContext, slices: ResourceType, plan: SlicePlan, existing: readonly KubeObject[]): Promise<void> {
  for (const want of plan.apply) {
    const current = existing.find((s) => s.metadata.name === want.metadata.name);
    if (!current) {
      await createObject(ctx, slices, want, asControllerManager);
      continue;
    }
    // Our labels and owner replace whatever a user put there; other metadata is kept.
    const next: KubeObject = {
      ...current,
      metadata: { ...current.metadata, labels: want.metadata.labels, ownerReferences: want.metadata.ownerReferences },
      addressType: want['addressType'],
      endpoints: want['endpoints'],
      ports: want['ports'],
    };
    await updateFrom(ctx, slices, current, next, asControllerManager); // a no-op when nothing changed
  }
  for (const gone of plan.delete) {
    const key = { resource: slices, namespace: gone.metadata.namespace, name: gone.metadata.name! };
    await deleteObject(ctx, slices, key, { preconditions: { uid: gone.metadata.uid, resourceVersion: gone.metadata.resourceVersion } });
  }
}
