// Turns a decoded protobuf message into the JSON kube's encoding/json would print for the same
// Go struct. The decoded input is protobufjs' toObject() output: only fields present on the
// wire are set, int64 are numbers and bytes are base64 strings. The field specs (field-spec.ts)
// say what the wire cannot: whether Go omits a zero value, whether the field was a pointer,
// whether a struct is embedded.

import { isScalar, isWellKnown } from './field-spec.ts';
import type { FieldSpec } from './field-spec.ts';
import { wellKnownToJson } from './well-known-types.ts';

type Plain = Record<string, unknown>;

/** Message name → its fields in Go struct order. */
export type FieldTable = ReadonlyMap<string, readonly FieldSpec[]>;

/**
 * JSON for message `type`. `value` undefined means the message was absent, which Go decodes
 * as the zero struct: non-omitempty fields still appear with their zero values.
 */
export function messageToJson(table: FieldTable, type: string, value: Plain | undefined, path: string): Plain {
  const fields = table.get(type);
  if (!fields) throw new Error(`no protobuf definition for message ${type}`);
  const out: Plain = {};
  for (const field of fields) {
    const raw = value?.[field.name];
    if (field.shape === 'inline') {
      Object.assign(out, messageToJson(table, field.type, raw as Plain | undefined, path));
      continue;
    }
    const at = path ? `${path}.${field.name}` : field.name;
    const json = fieldToJson(table, field, raw, at);
    if (json !== OMIT) out[field.name] = json;
  }
  return out;
}

const OMIT = Symbol('omit');

function fieldToJson(table: FieldTable, field: FieldSpec, raw: unknown, path: string): unknown {
  if (field.shape === 'list') {
    const items = Array.isArray(raw) ? raw : [];
    // A decoded empty slice is nil in Go: dropped with omitempty, null without.
    if (items.length === 0) return field.omitEmpty ? OMIT : null;
    return items.map((item, i) => valueToJson(table, field.type, item, `${path}[${i}]`));
  }
  if (field.shape === 'map') {
    const entries = raw && typeof raw === 'object' ? Object.entries(raw as Plain) : [];
    if (entries.length === 0) return field.omitEmpty ? OMIT : null;
    // encoding/json writes map keys sorted.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const out: Plain = {};
    for (const [key, item] of entries) out[key] = valueToJson(table, field.type, item, `${path}[${key}]`);
    return out;
  }
  if (raw === undefined) {
    // Absent on the wire. A pointer stays nil; anything else is Go's zero value.
    if (field.pointer) return OMIT;
    if (isScalar(field.type)) return field.omitEmpty ? OMIT : scalarZero(field.type);
    return valueToJson(table, field.type, undefined, path);
  }
  const json = valueToJson(table, field.type, raw, path);
  // Go sends every non-pointer scalar, so presence means nothing there: omitempty decides.
  if (!field.pointer && field.omitEmpty && isScalar(field.type) && isZero(json)) return OMIT;
  return json;
}

function valueToJson(table: FieldTable, type: string, raw: unknown, path: string): unknown {
  if (isScalar(type)) return raw ?? scalarZero(type);
  const message = raw && typeof raw === 'object' ? (raw as Plain) : undefined;
  if (isWellKnown(type)) return wellKnownToJson(type, message, path);
  return messageToJson(table, type, message, path);
}

/** Go's zero value of a scalar field, as encoding/json writes it. */
export function scalarZero(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
      return null; // a nil []byte
    default:
      return 0;
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null;
}
