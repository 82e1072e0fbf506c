// The vocabulary of strategic merge patch: the `$`-keys a patch may carry, how a key is
// classified, and the 400s that malformed directives produce. Messages reuse
// apimachinery's wording where it has one, prefixed with the field path so a user can find
// the offending part of a large patch.
import { BadRequestError } from '../errors.ts';
import { describe, isJsonObject, type JsonObject } from './json-value.ts';
import { declaresField, type PatchField } from './patch-schema.ts';

export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';

/** What mergeMap returns for `{"$patch": "delete"}`: the caller removes the key. */
export const DELETED: unique symbol = Symbol('deleted');

/** Merges a patch map into an original map the caller owns (undefined: start from {}). */
export type MapMerger = (
  original: JsonObject | undefined,
  patch: JsonObject,
  field: PatchField | undefined,
  path: string,
) => JsonObject | typeof DELETED;

export type PatchKey =
  | { kind: 'field'; name: string }
  | { kind: 'patch' }
  | { kind: 'retainKeys' }
  | { kind: 'setElementOrder'; name: string }
  | { kind: 'deleteFromPrimitiveList'; name: string };

/**
 * Sorts a patch key into a field or a directive. A declared field wins over a directive-like
 * spelling, so a schema can describe real fields that start with "$".
 */
export function classifyKey(key: string, field: PatchField | undefined, path: string): PatchKey {
  if (!key.startsWith('$') || declaresField(field, key)) return { kind: 'field', name: key };
  if (key === PATCH_DIRECTIVE) return { kind: 'patch' };
  if (key === RETAIN_KEYS_DIRECTIVE) return { kind: 'retainKeys' };
  if (key.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
    return { kind: 'setElementOrder', name: listName(key, SET_ELEMENT_ORDER_PREFIX, 'setElementOrder list', path) };
  }
  if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
    return { kind: 'deleteFromPrimitiveList', name: listName(key, DELETE_FROM_PRIMITIVE_LIST_PREFIX, 'primitive list', path) };
  }
  throw smpError(path, `unknown strategic merge patch directive ${JSON.stringify(key)}`);
}

/** The field a parallel-list directive refers to: the part after "<prefix>/". */
function listName(key: string, prefix: string, what: string, path: string): string {
  const rest = key.slice(prefix.length);
  if (!rest.startsWith('/') || rest.length === 1) {
    throw smpError(path, `invalid patch format of ${what}: ${JSON.stringify(key)} must be "${prefix}/<field>"`);
  }
  return rest.slice(1);
}

/** The list-element `$patch` values apimachinery accepts, checked the same way everywhere. */
export function listElementDirective(element: JsonObject, path: string): 'delete' | 'replace' {
  const value = element[PATCH_DIRECTIVE];
  if (value === 'delete' || value === 'replace') return value;
  if (value === 'merge') throw smpError(path, 'merging lists cannot yet be specified in the patch');
  throw smpError(path, `unknown patch type: ${describe(value)} in list element ${describe(element)}`);
}

export function hasPatchDirective(v: unknown): v is JsonObject {
  return isJsonObject(v) && Object.prototype.hasOwnProperty.call(v, PATCH_DIRECTIVE);
}

export function smpError(path: string, message: string): BadRequestError {
  return new BadRequestError(path ? `${path}: ${message}` : message);
}

export function noMergeKeyError(path: string, element: unknown, mergeKey: string): BadRequestError {
  return smpError(path, `map: ${describe(element)} does not contain declared merge key: ${mergeKey}`);
}

export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Without a schema a strategic merge patch is a JSON merge patch, and a `$` key cannot be
 * given a meaning: refuse it rather than store it as data.
 */
export function rejectDirectives(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => rejectDirectives(v, `${path}[${i}]`));
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) {
        throw smpError(path, `strategic merge patch directive ${JSON.stringify(k)} is not supported for this kind (it has no patch schema)`);
      }
      rejectDirectives(v, childPath(path, k));
    }
  }
}
