// The selector half of a list, shared by every store so they cannot disagree about which
// objects a selector picks.
import { matchesFieldSet, matchesFields } from '../api/selectors/field-selector.ts';
import { matchesLabels } from '../api/selectors/label-selector.ts';
import { RequestEntityTooLargeError } from '../api/errors.ts';
import { MAX_OBJECT_BYTES } from './item-keys.ts';
import type { KubeObject, ListOptions } from './object-store.ts';

export function selects(options: ListOptions, obj: KubeObject): boolean {
  if (options.labelSelector && !matchesLabels(options.labelSelector, obj.metadata.labels)) return false;
  if (options.fieldSelector) {
    const matched = options.fieldSet ? matchesFieldSet(options.fieldSelector, options.fieldSet(obj)) : matchesFields(options.fieldSelector, obj);
    if (!matched) return false;
  }
  return true;
}

/** Serialises an object for storage, refusing one that cannot fit in a single item. */
export function encodeObject(obj: KubeObject): string {
  const json = JSON.stringify(obj);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_OBJECT_BYTES) {
    throw new RequestEntityTooLargeError(
      `${obj.kind} "${obj.metadata.name ?? ''}" is too large to store: ${bytes} bytes exceeds the limit of ${MAX_OBJECT_BYTES} bytes per object`,
    );
  }
  return json;
}

export function preconditionMismatch(
  stored: KubeObject,
  pre: { uid?: string; resourceVersion?: string } | undefined,
): string | undefined {
  if (pre?.uid && pre.uid !== stored.metadata.uid) {
    return `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${stored.metadata.uid ?? ''}`;
  }
  if (pre?.resourceVersion && pre.resourceVersion !== stored.metadata.resourceVersion) {
    return `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${stored.metadata.resourceVersion ?? ''}`;
  }
  return undefined;
}
