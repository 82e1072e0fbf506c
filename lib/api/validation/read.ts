// Typed reads of untrusted JSON. kube-apiserver rejects wrong JSON types while decoding
// into Go structs; here objects arrive as plain JSON, so each validator reads fields
// through these helpers, which record a FieldValueTypeInvalid cause and return undefined
// instead of letting a number-where-a-string-belongs crash a later check.
//
// Like Go's zero values, absent and null mean "not set" and are not an error here; the
// caller decides whether the field is required.

import type { StatusCause } from '../errors.ts';
import { child, index, key, typeInvalid } from './field.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function optString(obj: JsonObject, name: string, path: string, out: StatusCause[]): string | undefined {
  const v = obj[name];
  if (!present(v)) return undefined;
  if (typeof v === 'string') return v;
  out.push(typeInvalid(child(path, name), v, 'must be of type string'));
  return undefined;
}

/** Integers only: Go's int32/int64 fields refuse 1.5 when decoding. */
export function optInt(obj: JsonObject, name: string, path: string, out: StatusCause[]): number | undefined {
  const v = obj[name];
  if (!present(v)) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  out.push(typeInvalid(child(path, name), v, 'must be of type integer'));
  return undefined;
}

export function optBool(obj: JsonObject, name: string, path: string, out: StatusCause[]): boolean | undefined {
  const v = obj[name];
  if (!present(v)) return undefined;
  if (typeof v === 'boolean') return v;
  out.push(typeInvalid(child(path, name), v, 'must be of type boolean'));
  return undefined;
}

export function optObject(obj: JsonObject, name: string, path: string, out: StatusCause[]): JsonObject | undefined {
  const v = obj[name];
  if (!present(v)) return undefined;
  if (isObject(v)) return v;
  out.push(typeInvalid(child(path, name), v, 'must be of type object'));
  return undefined;
}

export function optArray(obj: JsonObject, name: string, path: string, out: StatusCause[]): unknown[] | undefined {
  const v = obj[name];
  if (!present(v)) return undefined;
  if (Array.isArray(v)) return v;
  out.push(typeInvalid(child(path, name), v, 'must be of type array'));
  return undefined;
}

/** A list whose items must be objects; a non-object item is reported and skipped. */
export function optObjectArray(
  obj: JsonObject,
  name: string,
  path: string,
  out: StatusCause[],
): Array<{ item: JsonObject; path: string }> {
  const arr = optArray(obj, name, path, out);
  if (!arr) return [];
  const items: Array<{ item: JsonObject; path: string }> = [];
  arr.forEach((item, i) => {
    const p = index(child(path, name), i);
    if (isObject(item)) items.push({ item, path: p });
    else out.push(typeInvalid(p, item, 'must be of type object'));
  });
  return items;
}

/** A list of strings, e.g. selector values or finalizers. */
export function optStringArray(obj: JsonObject, name: string, path: string, out: StatusCause[]): string[] | undefined {
  const arr = optArray(obj, name, path, out);
  if (!arr) return undefined;
  const strings: string[] = [];
  arr.forEach((item, i) => {
    if (typeof item === 'string') strings.push(item);
    else out.push(typeInvalid(index(child(path, name), i), item, 'must be of type string'));
  });
  return strings;
}

/** map[string]string, e.g. labels, annotations, nodeSelector. */
export function optStringMap(obj: JsonObject, name: string, path: string, out: StatusCause[]): Map<string, string> | undefined {
  const m = optObject(obj, name, path, out);
  if (!m) return undefined;
  const result = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    // Go decodes a null map value as the zero value "".
    if (typeof v === 'string' || v === null) result.set(k, v ?? '');
    else out.push(typeInvalid(key(child(path, name), k), v, 'must be of type string'));
  }
  return result;
}
