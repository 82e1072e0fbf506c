// metadata.managedFields ⇄ per-manager field sets. A manager's identity is what kube keys
// ownership by: name, operation, subresource, and for updaters the API version (an applier
// keeps one entry whatever version it applies through). Entries are written in kube's order:
// Apply before Update, then by time, manager, apiVersion, subresource.
import { FieldSet } from './field-set.ts';
import type { ManagerSet, Managers } from './updater.ts';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface ManagerIdentity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  subresource?: string;
}

/** The identity key: JSON in Go's field order, so it matches what kube would build. */
export function managerId(who: ManagerIdentity): string {
  const id: Record<string, string> = { manager: who.manager, operation: who.operation };
  if (who.operation === 'Update' && who.apiVersion) id['apiVersion'] = who.apiVersion;
  if (who.subresource) id['subresource'] = who.subresource;
  return JSON.stringify(id);
}

export function parseManagerId(id: string): ManagerIdentity {
  return JSON.parse(id) as ManagerIdentity;
}

export interface DecodedManagedFields {
  managers: Map<string, ManagerSet>;
  /** Manager identity → the entry's time (RFC 3339), if it had one. */
  times: Map<string, string | undefined>;
}

/** Throws when an entry is malformed; callers fall back as kube does. */
export function decodeManagedFields(entries: unknown): DecodedManagedFields {
  const managers = new Map<string, ManagerSet>();
  const times = new Map<string, string | undefined>();
  if (entries === undefined || entries === null) return { managers, times };
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  for (const raw of entries as ManagedFieldsEntry[]) {
    if (typeof raw !== 'object' || raw === null) throw new Error('managedFields entries must be objects');
    if (raw.operation !== 'Apply' && raw.operation !== 'Update') throw new Error(`unknown operation ${JSON.stringify(raw.operation)}`);
    if (raw.fieldsType !== undefined && raw.fieldsType !== 'FieldsV1') throw new Error(`unknown fieldsType ${JSON.stringify(raw.fieldsType)}`);
    const who: ManagerIdentity = { manager: raw.manager ?? '', operation: raw.operation };
    if (raw.apiVersion) who.apiVersion = raw.apiVersion;
    if (raw.subresource) who.subresource = raw.subresource;
    const id = managerId(who);
    if (managers.has(id)) throw new Error(`duplicate managedFields entry for ${id}`);
    managers.set(id, { set: FieldSet.fromFieldsV1(raw.fieldsV1 ?? {}), apiVersion: raw.apiVersion ?? '', applied: raw.operation === 'Apply' });
    times.set(id, raw.time);
  }
  return { managers, times };
}

export function encodeManagedFields(managers: Managers, times: ReadonlyMap<string, string | undefined>): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, m] of managers) {
    if (m.set.isEmpty()) continue;
    const who = parseManagerId(id);
    const entry: ManagedFieldsEntry = { manager: who.manager, operation: who.operation, apiVersion: m.apiVersion };
    const time = times.get(id);
    if (time) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = m.set.toFieldsV1();
    if (who.subresource) entry.subresource = who.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  const str = (a = '', b = ''): number => (a < b ? -1 : a > b ? 1 : 0);
  return (
    str(p.operation, q.operation) ||
    seconds(p.time) - seconds(q.time) ||
    str(p.manager, q.manager) ||
    str(p.apiVersion, q.apiVersion) ||
    str(p.subresource, q.subresource)
  );
}

/** How kube names a manager in a conflict: `"kubectl-scale" with subresource "scale" using apps/v1`. */
export function describeManager(id: string): string {
  let who: ManagerIdentity;
  try {
    who = parseManagerId(id);
  } catch {
    return JSON.stringify(id);
  }
  let out = JSON.stringify(who.manager);
  if (who.subresource) out += ` with subresource ${JSON.stringify(who.subresource)}`;
  if (who.operation === 'Update') out += ` using ${who.apiVersion ?? ''}`;
  return out;
}
