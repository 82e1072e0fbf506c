// A pod key reaches the ReplicaSet controller when a pod without a controller might now be
// adopted (lib/pipeline/routes/replicaset.ts). Only the adoption happens here: the write
// that adds the controller reference is a pod change routed to the adopter's own key, and
// that pass counts, creates, deletes and reports status. Keeping pod creation and deletion
// on the ReplicaSet's key means they run in its FIFO message group, one pass at a time;
// two keys for one ReplicaSet could otherwise create from two different views of its pods.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import { isEverything, labelSelectorFromSpec, matchesLabels } from '../../api/selectors/label-selector.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { byName, claimObjects, controllerRefOf, controllerRefTo } from './claim.ts';
import { asControllerManager } from '../field-managers.ts';

const MAX_ATTEMPTS = 5;

export interface OrphanAdoption<T extends KubeObject> {
  /** The orphan's type, for the write. */
  type: ResourceType;
  /** The owner's apiVersion and kind, for the controller reference. */
  ownerApiVersion: string;
  ownerKind: string;
  /** Re-reads the orphan (undefined: gone). */
  get(): Promise<T | undefined>;
  /** The would-be owners in the orphan's namespace. */
  owners(): Promise<KubeObject[]>;
  /** Whether the orphan is still worth adopting (e.g. a pod not finished). */
  adoptable?(orphan: T): boolean;
}

/** Adopts the orphan into the first owner (by name) whose selector matches it; returns that owner's name. */
export async function adoptOrphan<T extends KubeObject>(ctx: RegistryContext, o: OrphanAdoption<T>): Promise<string | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const orphan = await o.get();
    if (!orphan || controllerRefOf(orphan) || orphan.metadata.deletionTimestamp || (o.adoptable && !o.adoptable(orphan))) return undefined;
    const candidates = (await o.owners())
      .filter((owner) => !owner.metadata.deletionTimestamp)
      .map((owner) => ({ owner, selector: labelSelectorFromSpec((owner['spec'] as { selector?: never } | undefined)?.selector) }))
      // An empty selector selects everything; validation forbids it and kube never adopts with one.
      .filter(({ selector }) => !isEverything(selector) && matchesLabels(selector, orphan.metadata.labels))
      .sort((a, b) => byName(a.owner, b.owner));
    const first = candidates[0];
    if (!first) return undefined;
    const adopted = claimObjects(first.owner, [orphan], first.selector, controllerRefTo(first.owner, o.ownerApiVersion, o.ownerKind)).adopt[0];
    if (!adopted) return undefined;
    try {
      await updateFrom(ctx, o.type, orphan, adopted, asControllerManager);
      return first.owner.metadata.name;
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      // Changed since we read it (perhaps adopted by someone else): look again.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new Error(`could not adopt ${o.type.resource} after ${MAX_ATTEMPTS} attempts; retrying with backoff`);
}
