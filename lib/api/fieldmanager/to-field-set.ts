// The set of fields a value sets: what an applier claims when it applies a configuration.
// As in structured-merge-diff: every scalar and atomic value is a member; every element of a
// granular list is a member itself (so an applier owns "its" container); a map entry is a
// member when it is a free map key, null, or an empty map; a named struct field holding a
// non-empty struct is only a way down.
import { FieldSet } from './field-set.ts';
import { fieldElement, type Path, type PathElement } from './path.ts';
import { fieldType, isAtomic, isNamedField, isObject, listItemElement, resolve, type TypeNode } from './types.ts';

export function toFieldSet(value: unknown, type: TypeNode): FieldSet {
  const set = new FieldSet();
  walk(value, type, [], set);
  return set;
}

function walk(value: unknown, declared: TypeNode, path: PathElement[], set: FieldSet): void {
  const type = resolve(declared, value);
  if (isAtomic(type)) {
    set.insert(path);
    return;
  }
  if (type.kind === 'list') {
    if (!Array.isArray(value)) return;
    for (const item of value) {
      const pe = listItemElement(type, item, pathText(path));
      const itemPath = [...path, pe];
      walk(item, type.items, itemPath, set);
      set.insert(itemPath);
    }
    return;
  }
  if (!isObject(value)) return;
  for (const [k, child] of Object.entries(value)) {
    const childPath = [...path, fieldElement(k)];
    walk(child, fieldType(type, k), childPath, set);
    if (child === null || (isObject(child) && Object.keys(child).length === 0) || !isNamedField(type, k)) set.insert(childPath);
  }
}

function pathText(path: Path): string {
  return path.map((pe) => ('field' in pe ? `.${pe.field}` : '[]')).join('') || '.';
}
