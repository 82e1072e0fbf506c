// Structured merge of an applied configuration onto the live object: maps and structs merge
// key by key, list-maps merge element by element on their keys, sets merge by value, and
// scalars, atomic lists and atomic structs are replaced by the configuration's value.
// Element order follows structured-merge-diff: the configuration's order for the elements it
// names, with the live-only elements kept where they were relative to them.
import { elementString, serializeElement } from './path.ts';
import { fieldType, isAtomic, isObject, listItemElement, resolve, type TypeNode } from './types.ts';

export function mergeValues(live: unknown, config: unknown, type: TypeNode): unknown {
  return merge(live, config, type, '');
}

function merge(live: unknown, config: unknown, declared: TypeNode, where: string): unknown {
  if (config === undefined) return live;
  if (config === null) return config;
  // Nothing live: still walk the configuration, so its duplicates and nulls are handled alike.
  if (live === undefined || live === null) live = Array.isArray(config) ? [] : isObject(config) ? {} : undefined;
  if (live === undefined) return config;
  const type = resolve(declared, config);
  if (isAtomic(type)) return config;
  if (type.kind === 'list') {
    if (!Array.isArray(live) || !Array.isArray(config)) return config;
    return mergeLists(live, config, type, where);
  }
  if (!isObject(live) || !isObject(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(live)) define(out, k, v);
  for (const [k, v] of Object.entries(config)) {
    // An explicit null clears the field, as decoding into Go types would.
    if (v === null) {
      delete out[k];
      continue;
    }
    const lv = Object.prototype.hasOwnProperty.call(live, k) ? live[k] : undefined;
    define(out, k, merge(lv, v, fieldType(type, k), `${where}.${k}`));
  }
  return out;
}

function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

interface Indexed {
  keys: string[];
  values: Map<string, unknown>;
}

function indexList(items: unknown[], type: Extract<TypeNode, { kind: 'list' }>, where: string, allowDuplicates: boolean): Indexed {
  const keys: string[] = [];
  const values = new Map<string, unknown>();
  for (const item of items) {
    const pe = listItemElement(type, item, where);
    const k = serializeElement(pe);
    if (values.has(k)) {
      if (!allowDuplicates) throw new DuplicateKeyError(`${where || '.'}: duplicate entries for key ${elementString(pe)}`);
      continue;
    }
    values.set(k, item);
    keys.push(k);
  }
  return { keys, values };
}

/** The configuration lists one key twice: it cannot say which element it means. */
export class DuplicateKeyError extends Error {}

function mergeLists(live: unknown[], config: unknown[], type: Extract<TypeNode, { kind: 'list' }>, where: string): unknown[] {
  const r = indexList(config, type, where, false);
  const l = indexList(live, type, where, true);
  // The shared elements in the configuration's order; a live element that is shared but not
  // the next one in that order is skipped here and emitted when the configuration reaches it.
  const shared = r.keys.filter((k) => l.values.has(k));
  let next = 0;
  const merged = new Set<string>();
  const out: unknown[] = [];
  const emit = (k: string): void => {
    merged.add(k);
    out.push(merge(l.values.get(k), r.values.get(k), type.items, where));
    if (shared[next] === k) next++;
  };
  let li = 0;
  let ri = 0;
  while (li < l.keys.length || ri < r.keys.length) {
    const lk = l.keys[li];
    const rk = r.keys[ri];
    if (lk !== undefined && rk !== undefined) {
      if (lk === rk) {
        emit(lk);
        li++;
        ri++;
        continue;
      }
      if (r.values.has(lk) && next < shared.length && shared[next] !== lk) {
        li++;
        continue;
      }
    }
    if (lk !== undefined) {
      if (!r.values.has(lk)) {
        out.push(l.values.get(lk));
        li++;
        continue;
      }
      if (merged.has(lk)) li++;
    }
    if (rk !== undefined) {
      emit(rk);
      ri++;
    }
  }
  return out;
}
