// What changed between two versions of an object, as three field sets (structured-merge-diff's
// Compare): added, modified, removed. An ordinary write (create/update/patch) gives its
// manager the added and modified fields, and takes them from everyone else.
import { isDeepStrictEqual } from 'node:util';
import { FieldSet } from './field-set.ts';
import { fieldElement, serializeElement, type PathElement } from './path.ts';
import { fieldType, isAtomic, isObject, listItemElement, resolve, type TypeNode } from './types.ts';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compareValues(lhs: unknown, rhs: unknown, type: TypeNode): Comparison {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(lhs, rhs, type, [], out, true);
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function walk(lhs: unknown, rhs: unknown, declared: TypeNode, path: PathElement[], out: Comparison, root = false): void {
  const type = resolve(declared, rhs !== undefined ? rhs : lhs);
  // Scalars, atomic values and empty containers compare as one leaf.
  const leaf = isAtomic(type) || (type.kind !== 'struct' && type.kind !== 'map' && type.kind !== 'list') || (isEmpty(lhs) && isEmpty(rhs));
  if (leaf) {
    if (root) return;
    if (lhs === undefined) out.added.insert(path);
    else if (rhs === undefined) out.removed.insert(path);
    else if (!isDeepStrictEqual(lhs, rhs)) out.modified.insert(path);
    return;
  }
  if (type.kind === 'list') compareLists(lhs, rhs, type, path, out);
  else compareMaps(lhs, rhs, type, path, out);
  if (root) return;
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
}

function compareMaps(lhs: unknown, rhs: unknown, type: TypeNode, path: PathElement[], out: Comparison): void {
  const l = isObject(lhs) ? lhs : {};
  const r = isObject(rhs) ? rhs : {};
  const keys = new Set([...Object.keys(l), ...Object.keys(r)]);
  for (const k of keys) {
    const lv = Object.prototype.hasOwnProperty.call(l, k) ? l[k] : undefined;
    const rv = Object.prototype.hasOwnProperty.call(r, k) ? r[k] : undefined;
    walk(lv, rv, fieldType(type, k), [...path, fieldElement(k)], out);
  }
}

function index(items: unknown, type: Extract<TypeNode, { kind: 'list' }>, where: string): Map<string, { pe: PathElement; items: unknown[] }> {
  const out = new Map<string, { pe: PathElement; items: unknown[] }>();
  if (!Array.isArray(items)) return out;
  for (const item of items) {
    const pe = listItemElement(type, item, where);
    const k = serializeElement(pe);
    const seen = out.get(k);
    if (seen) seen.items.push(item);
    else out.set(k, { pe, items: [item] });
  }
  return out;
}

function compareLists(lhs: unknown, rhs: unknown, type: Extract<TypeNode, { kind: 'list' }>, path: PathElement[], out: Comparison): void {
  const where = path.map((pe) => ('field' in pe ? `.${pe.field}` : '[]')).join('');
  const l = index(lhs, type, where);
  const r = index(rhs, type, where);
  const keys = new Set([...l.keys(), ...r.keys()]);
  for (const k of keys) {
    const li = l.get(k);
    const ri = r.get(k);
    const pe = (li ?? ri)!.pe;
    const lItems = li?.items ?? [];
    const rItems = ri?.items ?? [];
    // Duplicated keys cannot be told apart: the element is one opaque leaf.
    if (lItems.length <= 1 && rItems.length <= 1) walk(lItems[0], rItems[0], type.items, [...path, pe], out);
    else if (lItems.length >= 2 && rItems.length >= 2) {
      if (!isDeepStrictEqual(lItems, rItems)) out.modified.insert([...path, pe]);
    } else if (lItems.length >= 2) out.removed.insert([...path, pe]);
    else out.added.insert([...path, pe]);
  }
}
