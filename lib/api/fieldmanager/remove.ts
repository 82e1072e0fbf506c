// Removes the fields named by a set from a value (structured-merge-diff's RemoveItems): how
// apply drops what an applier used to set and no longer does. A member path removes the
// whole subtree below it; a path that only leads further down removes inside it. Maps and
// lists emptied by the removal disappear too.
import type { FieldSet } from './field-set.ts';
import { fieldElement, serializeElement } from './path.ts';
import { fieldType, isAtomic, isObject, listItemElement, resolve, type TypeNode } from './types.ts';

export function removeItems(value: unknown, remove: FieldSet, type: TypeNode): unknown {
  if (remove.isEmpty()) return value;
  const resolved = resolve(type, value);
  if (isAtomic(resolved)) return value;
  if (resolved.kind === 'list') {
    if (!Array.isArray(value) || value.length === 0) return value;
    const out: unknown[] = [];
    for (const item of value) {
      const pe = listItemElement(resolved, item, 'remove');
      if (remove.members.has(serializeElement(pe))) continue;
      const below = remove.withPrefix(pe);
      out.push(below.isEmpty() ? item : removeItems(item, below, resolved.items));
    }
    return out.length ? out : undefined;
  }
  if (!isObject(value) || Object.keys(value).length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const pe = fieldElement(k);
    if (remove.members.has(serializeElement(pe))) continue;
    const below = remove.withPrefix(pe);
    const kept = below.isEmpty() ? v : removeItems(v, below, fieldType(resolved, k));
    if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length ? out : undefined;
}
