// Field management for whole objects: what the registry calls on every tracked write.
// recordUpdate stamps an ordinary write's manager into metadata.managedFields; applyObject
// performs a server-side apply. Both are pure: the time is passed in, and the type comes
// from model-schema.ts (or a hand-built TypeNode in tests).
import { isDeepStrictEqual } from 'node:util';
import { FieldSet } from './field-set.ts';
import { applyConflictError } from './conflicts.ts';
import { decodeManagedFields, encodeManagedFields, managerId, type DecodedManagedFields } from './managed-fields.ts';
import { MIGRATING_MANAGER, syncLastApplied, unchangedSinceLastApplied } from './last-applied.ts';
import { applyConfig, ConflictsError, updateManagers, type Conflict, type ManagerSet, type Tracked } from './updater.ts';
import { isObject, type TypeNode } from './types.ts';

// Any Kubernetes object: only metadata.managedFields is read or written here.
type Obj = { metadata?: object; [field: string]: unknown };

function managedFieldsOf(obj: Obj | undefined): unknown {
  return (obj?.metadata as { managedFields?: unknown } | undefined)?.managedFields;
}

export interface FieldManagerScope {
  /** The kind's type (metadata, spec, status…). */
  type: TypeNode;
  /** The group/version the write came through, e.g. "apps/v1". */
  apiVersion: string;
  /** Writes through a subresource are recorded as such; status writes own only status. */
  subresource?: 'status' | 'scale';
  /** Kinds whose status writes may change annotations (a Deployment's revision): they own those too. */
  statusAnnotations?: boolean;
  /** RFC 3339 time stamped on the entries this write changes. */
  now: string;
}

/** kube's manager for an apply to an object that has no managed fields yet. */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

// Server-owned metadata never counts as anyone's field (kube's StripMeta).
const STRIPPED_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink', 'managedFields'];

/** The part of an object ownership is computed over. */
export function trackedView(obj: unknown, subresource?: 'status' | 'scale', statusAnnotations = false): unknown {
  if (!isObject(obj)) return {};
  if (subresource === 'status') {
    const out: Record<string, unknown> = obj['status'] === undefined ? {} : { status: obj['status'] };
    const annotations = isObject(obj['metadata']) ? obj['metadata']['annotations'] : undefined;
    if (statusAnnotations && annotations !== undefined) out['metadata'] = { annotations };
    return out;
  }
  const out: Record<string, unknown> = { ...obj };
  delete out['apiVersion'];
  delete out['kind'];
  delete out['status'];
  if (isObject(obj['metadata'])) {
    const meta: Record<string, unknown> = { ...obj['metadata'] };
    for (const k of STRIPPED_METADATA) delete meta[k];
    out['metadata'] = meta;
  }
  return out;
}

const METADATA_ITSELF = FieldSet.of([{ field: 'metadata' }]);

function tracking(scope: FieldManagerScope): Tracked {
  return { view: (o) => trackedView(o, scope.subresource, scope.statusAnnotations), ignored: METADATA_ITSELF };
}

// What a freshly created Go object already holds: its top-level structs exist, empty, so a
// create owns `spec.replicas` without owning `spec` itself (as kube's managedFields show).
function emptyLike(obj: unknown, type: TypeNode): Obj {
  const out: Obj = {};
  if (!isObject(obj) || type.kind !== 'struct') return out;
  for (const [k, v] of Object.entries(obj)) {
    if (isObject(v) && type.field(k)?.kind === 'struct') out[k] = {};
  }
  return out;
}

function decodeOrEmpty(entries: unknown): DecodedManagedFields {
  try {
    return decodeManagedFields(entries);
  } catch {
    return { managers: new Map(), times: new Map() };
  }
}

function withManagedFields<T extends Obj>(obj: T, managers: ReadonlyMap<string, ManagerSet>, times: ReadonlyMap<string, string | undefined>): T {
  const metadata: Record<string, unknown> = { ...(obj.metadata ?? {}) };
  const entries = encodeManagedFields(managers, times);
  if (entries.length) metadata['managedFields'] = entries;
  else delete metadata['managedFields'];
  return { ...obj, metadata };
}

/**
 * An ordinary write (create, update, patch) by `manager`. `live` is absent for a create.
 * As kube: managedFields sent with the write replace the stored ones (unless through a
 * subresource); an existing object nobody tracks stays untracked; a malformed or
 * uncomputable set leaves the write untracked rather than failing it.
 */
export function recordUpdate<T extends Obj>(live: Obj | undefined, next: T, manager: string, scope: FieldManagerScope): T {
  const sent = managedFieldsOf(next);
  const useSent = !scope.subresource && Array.isArray(sent) && sent.length > 0;
  let decoded = useSent ? decodeOrEmpty(sent) : undefined;
  if (!decoded || decoded.managers.size === 0) decoded = decodeOrEmpty(managedFieldsOf(live));
  if (live && decoded.managers.size === 0) return withManagedFields(next, new Map(), new Map());
  try {
    const before = live ?? emptyLike(next, scope.type);
    const id = managerId({ manager, operation: 'Update', apiVersion: scope.apiVersion, subresource: scope.subresource });
    const result = updateManagers(before, next, decoded.managers, id, scope.apiVersion, scope.type, tracking(scope));
    const times = new Map(decoded.times);
    if (result.touched) times.set(id, scope.now);
    return withManagedFields(next, result.managers, times);
  } catch {
    return withManagedFields(next, decoded.managers, decoded.times);
  }
}

export interface ApplyOptions {
  manager: string;
  force: boolean;
}

/**
 * Server-side apply of `config` onto `live` (absent: the object is being created). Returns
 * the merged object carrying its new managedFields; throws ApplyConflictError on conflicts
 * unless forced, and FieldPathError / DuplicateKeyError for configurations it cannot place.
 */
export function applyObject(live: Obj | undefined, config: Obj, opts: ApplyOptions, scope: FieldManagerScope): Obj {
  const view = tracking(scope);
  let { managers, times } = decodeOrEmpty(managedFieldsOf(live));
  if (live && managers.size === 0) {
    // The object predates field tracking: whoever made it owns what is there now.
    const id = managerId({ manager: BEFORE_FIRST_APPLY, operation: 'Update', apiVersion: scope.apiVersion });
    managers = new Map(updateManagers(emptyLike(live, scope.type), live, managers, id, scope.apiVersion, scope.type, view).managers);
    times = new Map([[id, undefined]]);
  }
  const base: Obj = {};
  if (live) {
    const { managedFields: _dropped, ...metadata } = (live.metadata ?? {}) as Record<string, unknown>;
    Object.assign(base, live, { metadata });
  }
  const id = managerId({ manager: opts.manager, operation: 'Apply', subresource: scope.subresource });
  let result;
  try {
    result = applyConfig(base, config, managers, id, scope.apiVersion, opts.force, scope.type, view);
  } catch (err) {
    if (!(err instanceof ConflictsError)) throw err;
    const remaining = notMigrated(err.conflicts, base, opts.manager, scope);
    if (remaining.length) throw applyConflictError(remaining);
    result = applyConfig(base, config, managers, id, scope.apiVersion, true, scope.type, view);
  }
  let merged = result.object as Obj;
  if (opts.manager === MIGRATING_MANAGER) merged = syncLastApplied(merged, config);
  const nextTimes = new Map(times);
  const mine = result.managers.get(id);
  const before = managers.get(id);
  const changed = !isDeepStrictEqual(view.view(merged), view.view(base));
  if (mine && (changed || !before || !sameSet(before.set, mine.set) || !times.get(id))) nextTimes.set(id, scope.now);
  return withManagedFields(merged, result.managers, nextTimes);
}

/** Conflicts left once those a client-side → server-side migration allows are dropped. */
function notMigrated(conflicts: Conflict[], live: Obj, manager: string, scope: FieldManagerScope): Conflict[] {
  if (manager !== MIGRATING_MANAGER) return conflicts;
  const allowed = unchangedSinceLastApplied(live, scope.type, tracking(scope));
  return allowed ? conflicts.filter((c) => !allowed.has(c.path)) : conflicts;
}

function sameSet(a: FieldSet, b: FieldSet): boolean {
  return a.difference(b).isEmpty() && b.difference(a).isEmpty();
}
