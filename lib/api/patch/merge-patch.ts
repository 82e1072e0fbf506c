// JSON Merge Patch (RFC 7396), the `application/merge-patch+json` PATCH body. kubectl sends it
// for label/annotate/scale and for `apply` of kinds the server has no patch schema for.
//
// The RFC algorithm, with one practical addition: inputs are never mutated and the result
// shares no objects with them, so callers may keep the original around (e.g. for a
// resourceVersion conflict retry) and edit the result freely.
//
// Whether a non-object patch is acceptable for a given resource is the handler's decision;
// this function follows the RFC and lets it replace the target wholesale.
import { deepClone, getOwn, isJsonObject, setOwn, type JsonObject } from './json-value.ts';

export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return deepClone(patch);
  const target: JsonObject = isJsonObject(original) ? deepClone(original) : {};
  mergeInto(target, patch);
  return target;
}

/** Merges `patch` into `target`, which the caller owns (already a private copy). */
function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
      continue;
    }
    if (!isJsonObject(value)) {
      setOwn(target, key, deepClone(value));
      continue;
    }
    // An object merges into an existing object; anything else is first replaced by {} so
    // that nulls nested in a brand-new subtree are dropped rather than stored (RFC 7396 §2).
    const current = getOwn(target, key);
    const child: JsonObject = isJsonObject(current) ? current : {};
    mergeInto(child, value);
    setOwn(target, key, child);
  }
}
