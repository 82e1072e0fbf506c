// Strategic merge patch (`application/strategic-merge-patch+json`), what `kubectl apply`,
// `edit` and `rollout` send for built-in kinds. Semantics follow apimachinery's
// strategicpatch as kube-apiserver applies it:
//  - maps merge recursively and a null value deletes the key;
//  - lists merge or are replaced according to the field's patch strategy (strategic-list.ts);
//  - directives: `$patch` (replace | delete a map, or list elements), `$retainKeys`,
//    `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
// Deliberate differences, all in what reaches storage rather than in which fields change:
//  - no directive ever survives into the result (apimachinery leaves some in new subtrees
//    for the decoder to drop);
//  - `{"$patch": "delete"}` removes the key rather than leaving an empty map;
//  - `{"$patch": "merge"}` on a map is accepted as the default it names;
//  - every malformed directive is a 400 (apimachinery lets several surface as 500s).
import { BadRequestError } from '../errors.ts';
import { applyMergePatch } from './merge-patch.ts';
import { deepClone, describe, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.ts';
import { fieldOf, isMergeList, isReplaceMap, type PatchField, type PatchSchema } from './patch-schema.ts';
import {
  DELETED,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  childPath,
  classifyKey,
  rejectDirectives,
  smpError,
  type PatchKey,
} from './smp-directives.ts';
import { deleteFromPrimitiveList, freshList, freshValue, mergeList } from './strategic-list.ts';
import { applyElementOrder, validateElementOrder } from './element-order.ts';

/**
 * Applies a strategic merge patch to `original` using `schema`'s list strategies. With no
 * schema (a kind without strategic-merge support) the patch is applied as a JSON merge patch
 * and any `$` directive is refused. Throws BadRequestError for malformed patches; never
 * mutates its inputs.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: PatchSchema | undefined): unknown {
  if (!isJsonObject(patch)) {
    throw new BadRequestError(`invalid JSON document: a strategic merge patch must be a JSON object, got ${describe(patch, 40)}`);
  }
  if (schema === undefined) {
    rejectDirectives(patch, '');
    return applyMergePatch(original, patch);
  }
  const base = isJsonObject(original) ? deepClone(original) : {};
  const result = mergeMap(base, patch, schema, '');
  return result === DELETED ? {} : result;
}

/** Merges `patch` into `original`, which this module owns and may edit in place. */
function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  field: PatchField | undefined,
  path: string,
): JsonObject | typeof DELETED {
  // Classify every key up front so an unknown directive fails before anything is applied.
  const keys = Object.keys(patch).map((k) => ({ key: k, what: classifyKey(k, field, path) }));

  if (hasOwn(patch, PATCH_DIRECTIVE)) {
    const directive = patch[PATCH_DIRECTIVE];
    if (directive === 'delete') return DELETED;
    if (directive === 'replace') {
      // The patch (minus the directive) becomes the whole map, still normalised.
      const rest = without(patch, PATCH_DIRECTIVE);
      return mergeMap(undefined, rest, field, path);
    }
    if (directive !== 'merge') {
      throw smpError(path, `unknown patch type: ${describe(directive)} in map: ${describe(patch)}`);
    }
  }

  const target = original ?? {};
  if (hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) retainKeys(target, patch, keys, path);

  // Ordered lists first: they merge their list themselves, which the field loop then skips.
  const done = new Set<string>();
  for (const { key, what } of keys) {
    if (what.kind !== 'setElementOrder') continue;
    if (setElementOrder(target, patch, what.name, patch[key], field, path)) done.add(what.name);
  }
  for (const { key, what } of keys) {
    if (what.kind === 'field' && !done.has(what.name)) mergeField(target, what.name, patch[key], fieldOf(field, key), path);
  }
  // Deletions last, so "add x" and "delete x" in one patch leave x deleted.
  for (const { key, what } of keys) {
    if (what.kind !== 'deleteFromPrimitiveList') continue;
    // Validated even when the list is absent: a malformed patch is refused either way.
    const remaining = deleteFromPrimitiveList(getOwn(target, what.name), patch[key], childPath(path, key));
    if (hasOwn(target, what.name)) setOwn(target, what.name, remaining);
  }
  return target;
}

function mergeField(target: JsonObject, key: string, value: unknown, field: PatchField | undefined, path: string): void {
  const at = childPath(path, key);
  if (value === null) {
    delete target[key];
    return;
  }
  const current = getOwn(target, key);
  let next: unknown;
  if (isJsonObject(value) && isJsonObject(current) && !isReplaceMap(field)) {
    next = mergeMap(current, value, field, at);
  } else if (Array.isArray(value) && Array.isArray(current) && isMergeList(field)) {
    next = mergeList(current, value, field, at, mergeMap);
  } else {
    // Absent, of another type, or a field the schema says to replace.
    next = freshValue(value, field, at, mergeMap);
  }
  if (next === DELETED) delete target[key];
  else setOwn(target, key, next);
}

/**
 * `$retainKeys`: fields of the original missing from the list are cleared before merging,
 * and the patch may only set fields the list names (apimachinery's consistency rule).
 */
function retainKeys(target: JsonObject, patch: JsonObject, keys: { key: string; what: PatchKey }[], path: string): void {
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) {
    throw smpError(path, `invalid patch format of retainKeys: ${RETAIN_KEYS_DIRECTIVE} must be a list of field names`);
  }
  const retained = new Set<string>(list);
  for (const { key, what } of keys) {
    if (what.kind === 'field' && patch[key] !== null && !retained.has(key)) {
      throw smpError(path, `invalid patch format of retainKeys: the patch sets ${JSON.stringify(key)}, which ${RETAIN_KEYS_DIRECTIVE} does not list`);
    }
  }
  for (const k of Object.keys(target)) {
    if (!retained.has(k)) delete target[k];
  }
}

/**
 * `$setElementOrder/<name>`: merges the accompanying list (if any) and then orders the result.
 * Returns whether the list field was handled here.
 */
function setElementOrder(
  target: JsonObject,
  patch: JsonObject,
  name: string,
  order: unknown,
  field: PatchField | undefined,
  path: string,
): boolean {
  const at = childPath(path, name);
  if (!Array.isArray(order)) {
    throw smpError(at, 'invalid patch format of setElementOrder list: $setElementOrder needs a list');
  }
  const sub = fieldOf(field, name);
  const mergeKey = isMergeList(sub) ? sub?.mergeKey : undefined;
  const inPatch = hasOwn(patch, name);
  const patchList = getOwn(patch, name);
  if (inPatch && !Array.isArray(patchList)) {
    throw smpError(at, `invalid patch format of setElementOrder list: ${name} must be a list to be ordered`);
  }
  const current = getOwn(target, name);
  const originalList = Array.isArray(current) ? current : undefined;
  validateElementOrder(patchList as unknown[] | undefined, order, mergeKey, at);

  let merged: unknown[];
  if (Array.isArray(patchList)) {
    merged = originalList && isMergeList(sub)
      ? mergeList(originalList, patchList, sub, at, mergeMap)
      : freshList(patchList, sub, at, mergeMap);
  } else if (originalList) {
    merged = originalList;
  } else {
    return false; // neither side has the list: nothing to order
  }
  setOwn(target, name, applyElementOrder(merged, order, originalList ?? [], mergeKey, at));
  return true;
}

function without(o: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (k !== key) setOwn(out, k, v);
  return out;
}
