// Lists in a strategic merge patch.
//  - A list with strategy merge is merged element-wise: objects by their merge key (an
//    existing element is merged as a map, a new one added), primitives as an ordered set.
//    `{"<key>": x, "$patch": "delete"}` removes every element with that key and an element
//    `{"$patch": "replace"}` makes the patch's other elements the whole list.
//  - Any other list (or a list the original lacks) is taken from the patch as a fresh value:
//    directive elements dropped, nested directives applied, nulls in new maps discarded.
import { hasOwn, isJsonObject, jsonEqual, type JsonObject } from './json-value.ts';
import type { PatchField } from './patch-schema.ts';
import {
  DELETED,
  hasPatchDirective,
  listElementDirective,
  noMergeKeyError,
  smpError,
  type MapMerger,
} from './smp-directives.ts';
import { elementKey, orderElements } from './element-order.ts';

/** A patch value that lands where the original has nothing to merge with. */
export function freshValue(value: unknown, field: PatchField | undefined, path: string, mergeMap: MapMerger): unknown {
  if (Array.isArray(value)) return freshList(value, field, path, mergeMap);
  if (isJsonObject(value)) return mergeMap(undefined, value, field, path);
  return value;
}

/** A patch list taken as is, minus its directive elements. */
export function freshList(patch: readonly unknown[], field: PatchField | undefined, path: string, mergeMap: MapMerger): unknown[] {
  const out: unknown[] = [];
  patch.forEach((element, i) => {
    // With nothing to delete from or replace, a directive element only needs validating.
    if (hasPatchDirective(element)) {
      listElementDirective(element, `${path}[${i}]`);
      return;
    }
    const v = freshValue(element, field?.items, `${path}[${i}]`, mergeMap);
    if (v !== DELETED) out.push(v);
  });
  return out;
}

/** Merges `patch` into `original` (owned by the caller) for a list with strategy merge. */
export function mergeList(
  original: unknown[],
  patch: readonly unknown[],
  field: PatchField | undefined,
  path: string,
  mergeMap: MapMerger,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const all = [...original, ...patch];
  if (all.some(Array.isArray)) throw smpError(path, 'lists of lists are not supported');
  const objects = all.filter(isJsonObject).length;
  if (objects === 0) return mergePrimitives(original, patch);
  if (objects !== all.length) throw smpError(path, 'list element types are not identical: cannot merge objects with primitives');
  const mergeKey = field?.mergeKey;
  if (mergeKey === undefined) throw smpError(path, 'cannot merge lists without merge key');
  return mergeKeyed(original as JsonObject[], patch as JsonObject[], mergeKey, field, path, mergeMap);
}

/** An ordered set union, as for metadata.finalizers. */
function mergePrimitives(original: readonly unknown[], patch: readonly unknown[]): unknown[] {
  const merged: unknown[] = [];
  for (const v of [...original, ...patch]) {
    if (!merged.some((m) => jsonEqual(m, v))) merged.push(v);
  }
  return orderElements(merged, patch, original, elementKey(undefined));
}

function mergeKeyed(
  original: JsonObject[],
  patch: readonly JsonObject[],
  mergeKey: string,
  field: PatchField | undefined,
  path: string,
  mergeMap: MapMerger,
): unknown[] {
  const matches = (a: JsonObject, b: JsonObject): boolean =>
    hasOwn(a, mergeKey) && jsonEqual(a[mergeKey], b[mergeKey]);

  // Directive elements first: deletions shrink the server's list, a replace discards it.
  let base = original;
  let replace = false;
  const plain: JsonObject[] = [];
  patch.forEach((element, i) => {
    if (!hasPatchDirective(element)) {
      plain.push(element);
      return;
    }
    if (listElementDirective(element, `${path}[${i}]`) === 'replace') {
      replace = true;
      return;
    }
    if (!hasOwn(element, mergeKey)) throw noMergeKeyError(path, element, mergeKey);
    base = base.filter((o) => !matches(o, element));
  });
  if (replace) return freshList(plain, field, path, mergeMap);

  const merged: unknown[] = [...base];
  for (const element of plain) {
    if (!hasOwn(element, mergeKey)) throw noMergeKeyError(path, element, mergeKey);
    const at = `${path}[${mergeKey}=${JSON.stringify(element[mergeKey])}]`;
    // Search what has been merged so far, so a key repeated in the patch merges into the
    // element its first occurrence added.
    const index = merged.findIndex((o) => isJsonObject(o) && matches(o, element));
    if (index < 0) {
      const added = mergeMap(undefined, element, field?.items, at);
      if (added !== DELETED) merged.push(added);
      continue;
    }
    const result = mergeMap(merged[index] as JsonObject, element, field?.items, at);
    if (result === DELETED) merged.splice(index, 1);
    else merged[index] = result;
  }
  return orderElements(merged, plain, base, elementKey(mergeKey));
}

/** `$deleteFromPrimitiveList/<field>`: drop every occurrence of the listed values. */
export function deleteFromPrimitiveList(current: unknown, toDelete: unknown, path: string): unknown {
  if (!Array.isArray(toDelete)) {
    throw smpError(path, 'invalid patch format of primitive list: $deleteFromPrimitiveList needs a list');
  }
  if (toDelete.some((v) => isJsonObject(v) || Array.isArray(v))) {
    throw smpError(path, 'invalid patch format of primitive list: only primitive values can be deleted');
  }
  if (!Array.isArray(current)) return current;
  if (current.some((v) => isJsonObject(v) || Array.isArray(v))) {
    throw smpError(path, '$deleteFromPrimitiveList applies only to lists of primitives');
  }
  return current.filter((v) => !toDelete.some((d) => d === v));
}
