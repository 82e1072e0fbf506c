// Ownership bookkeeping for one write, after structured-merge-diff's Updater. An ordinary
// write (update) takes every field it changed, from whoever held it. An apply merges the
// configuration, claims exactly the configuration's fields, drops the fields it claimed last
// time and no longer does (unless someone else still owns them), and fails with conflicts
// when it would change a field another manager owns — unless forced, which takes them over.
import { compareValues } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { mergeValues } from './merge.ts';
import type { Path } from './path.ts';
import { removeItems } from './remove.ts';
import { toFieldSet } from './to-field-set.ts';
import { fieldType, isNamedField, UNTYPED, type TypeNode } from './types.ts';

export interface ManagerSet {
  set: FieldSet;
  /** The API version the fields were written through ("apps/v1"). */
  apiVersion: string;
  /** Whether this manager applied (operation Apply) rather than updated. */
  applied: boolean;
}

/** Manager identity (see managed-fields.ts) → what it owns. */
export type Managers = ReadonlyMap<string, ManagerSet>;

export interface Conflict {
  manager: string;
  path: Path;
}

export class ConflictsError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`${conflicts.length} conflict(s)`);
  }
}

/**
 * The part of an object ownership is computed over (server-owned metadata stripped), and
 * member paths nobody may own (kube's StripMeta drops `.metadata` itself).
 */
export interface Tracked {
  view(obj: unknown): unknown;
  ignored: FieldSet;
}

export interface UpdateResult {
  managers: Managers;
  /** Whether `manager`'s entry changed (so its time should be stamped). */
  touched: boolean;
}

/** An ordinary write from `live` to `next` by `manager`: it owns what it added or modified. */
export function updateManagers(
  live: unknown, next: unknown, managers: Managers, manager: string, apiVersion: string, type: TypeNode, tracked: Tracked,
): UpdateResult {
  const cmp = compareValues(tracked.view(live), tracked.view(next), type);
  const changed = cmp.modified.union(cmp.added).difference(tracked.ignored);
  const out = new Map<string, ManagerSet>();
  for (const [id, m] of managers) {
    const rest = m.set.difference(changed).difference(cmp.removed);
    if (!rest.isEmpty()) out.set(id, { ...m, set: rest });
  }
  if (changed.isEmpty()) return { managers: out, touched: false };
  const previous = out.get(manager);
  out.set(manager, { set: previous ? previous.set.union(changed) : changed, apiVersion, applied: false });
  return { managers: out, touched: true };
}

export interface ApplyResult {
  object: unknown;
  managers: Managers;
}

export function applyConfig(
  live: unknown, config: unknown, managers: Managers, manager: string, apiVersion: string, force: boolean, type: TypeNode, tracked: Tracked,
): ApplyResult {
  let merged = mergeValues(live, config, type);
  const last = managers.get(manager)?.set;
  const next = new Map(managers);
  next.set(manager, { set: toFieldSet(tracked.view(config), type).difference(tracked.ignored), apiVersion, applied: true });
  if (last && !last.isEmpty()) merged = prune(merged, next, last, type);

  const cmp = compareValues(tracked.view(live), tracked.view(merged), type);
  const changed = cmp.modified.union(cmp.added);
  const conflicts: Conflict[] = [];
  const out = new Map<string, ManagerSet>();
  for (const [id, m] of next) {
    if (id === manager) {
      out.set(id, m);
      continue;
    }
    const lost = m.set.intersection(changed);
    for (const path of lost.paths()) conflicts.push({ manager: id, path });
    const rest = m.set.difference(lost).difference(cmp.removed);
    if (!rest.isEmpty()) out.set(id, { ...m, set: rest });
  }
  if (conflicts.length && !force) throw new ConflictsError(conflicts);
  if (out.get(manager)?.set.isEmpty()) out.delete(manager);
  return { object: merged, managers: out };
}

/**
 * Drops what the applier owned last time and no longer claims, unless another manager (or
 * the new configuration) still owns it. Named struct fields count as members here, so an
 * applier that stops setting anything under `spec.strategy` removes `spec.strategy`.
 */
function prune(merged: unknown, managers: Managers, last: FieldSet, type: TypeNode): unknown {
  let owned = new FieldSet();
  for (const m of managers.values()) owned = owned.union(m.set);
  const remove = withNamedFieldMembers(last, type).difference(withNamedFieldMembers(owned, type));
  return removeItems(merged, remove, type) ?? {};
}

/** structured-merge-diff's EnsureNamedFieldsAreMembers. */
export function withNamedFieldMembers(set: FieldSet, type: TypeNode): FieldSet {
  const out = new FieldSet();
  for (const [k, pe] of set.members) out.members.set(k, pe);
  for (const [k, c] of set.children) {
    const named = 'field' in c.pe && isNamedField(type, c.pe.field);
    if (named) out.members.set(k, c.pe);
    const childType = 'field' in c.pe ? fieldType(type, c.pe.field) : type.kind === 'list' ? type.items : UNTYPED;
    out.children.set(k, { pe: c.pe, set: withNamedFieldMembers(c.set, childType) });
  }
  return out;
}
