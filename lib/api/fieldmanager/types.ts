// The shape server-side apply needs to know about a value: which maps are structs (named
// fields) or free maps, which lists are atomic, sets, or maps keyed by some fields. The pure
// core (field sets, compare, merge, remove) walks values along these; model-schema.ts builds
// them from the API models. `untyped` stands for free-form JSON, treated as
// structured-merge-diff treats a deduced type: maps granular, lists atomic.
import { keyElement, type PathElement } from './path.ts';

export type TypeNode =
  | { kind: 'struct'; atomic?: boolean; field(name: string): TypeNode | undefined }
  | { kind: 'map'; atomic?: boolean; values: TypeNode }
  | { kind: 'list'; items: TypeNode; list: 'atomic' | 'set' | { keys: readonly string[]; defaults?: Readonly<Record<string, unknown>> } }
  | { kind: 'scalar' }
  | { kind: 'untyped' };

export const SCALAR: TypeNode = { kind: 'scalar' };
export const UNTYPED: TypeNode = { kind: 'untyped' };

/** A failure to interpret a value against its type (a list element missing its key…). */
export class FieldPathError extends Error {}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An untyped value's effective type, decided by its shape. */
export function resolve(type: TypeNode, value: unknown): TypeNode {
  if (type.kind !== 'untyped') return type;
  if (isObject(value)) return { kind: 'map', values: UNTYPED };
  if (Array.isArray(value)) return { kind: 'list', items: UNTYPED, list: 'atomic' };
  return SCALAR;
}

export function isAtomic(type: TypeNode): boolean {
  if (type.kind === 'list') return type.list === 'atomic';
  if (type.kind === 'struct' || type.kind === 'map') return type.atomic === true;
  return true;
}

/** The type of a map entry or struct field; undeclared struct fields are free-form. */
export function fieldType(type: TypeNode, name: string): TypeNode {
  if (type.kind === 'struct') return type.field(name) ?? UNTYPED;
  if (type.kind === 'map') return type.values;
  return UNTYPED;
}

/** Whether `name` is a declared field of a struct (rather than a free map key). */
export function isNamedField(type: TypeNode, name: string): boolean {
  return type.kind === 'struct' && type.field(name) !== undefined;
}

/** The path element naming a list item: its key fields, or its value for a set. */
export function listItemElement(type: Extract<TypeNode, { kind: 'list' }>, item: unknown, where: string): PathElement {
  const list = type.list;
  if (list === 'atomic') throw new FieldPathError(`${where}: an atomic list has no addressable elements`);
  if (list === 'set') {
    if (isObject(item) || Array.isArray(item)) throw new FieldPathError(`${where}: a set may hold only scalar values`);
    return { value: item };
  }
  if (!isObject(item)) throw new FieldPathError(`${where}: expected an object in an associative list`);
  const key: Record<string, unknown> = {};
  for (const k of list.keys) {
    const v = Object.prototype.hasOwnProperty.call(item, k) ? item[k] : list.defaults?.[k];
    if (v === undefined || v === null) {
      throw new FieldPathError(`${where}: associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`);
    }
    key[k] = v;
  }
  return keyElement(key);
}
