// What kube-apiserver would show for a JSON value of one API type: Go decodes it into the
// struct, etcd keeps it as protobuf, and encoding/json writes it back. Along the way a zero
// scalar tagged omitempty disappears (`unavailableReplicas: 0`, `minReadySeconds: 0`), a
// field without omitempty appears even when unset (ReplicaSetStatus `replicas: 0`), an empty
// list is nil (so dropped, or `null` without omitempty), and a pointer survives even at zero.
// Controllers pass what they build through this so `kubectl get -o yaml` reads as on kube.
//
// The Go knowledge is the field specs the protobuf decoder already uses (lib/api/protobuf):
// one table says, per field, omitempty or not, pointer or not. Keys a spec does not list are
// kept as they are: the tables cover what skiff decodes or writes, not every field of every
// type, and leaving an unlisted field alone is never worse than not shaping at all.
import { isScalar, isWellKnown } from '../protobuf/field-spec.ts';
import type { FieldSpec } from '../protobuf/field-spec.ts';
import { scalarZero, type FieldTable } from '../protobuf/go-json.ts';
import { protoSchema } from '../protobuf/kinds.ts';

type Plain = Record<string, unknown>;

/**
 * `value` as kube would print it back, `message` naming its Go type as the protobuf
 * definitions do (e.g. "DeploymentStatus", "ReplicaSetStatus", "EndpointSlice").
 */
export function goJsonRoundTrip<T>(message: string, value: T): T {
  return messageRoundTrip(protoSchema().fields, message, value) as T;
}

/**
 * An object's fields other than `metadata` round-tripped, `metadata` as given: the registry
 * fills in ObjectMeta on write (a round-tripped one would gain `creationTimestamp: null`).
 */
export function goJsonRoundTripBody<T extends { metadata: unknown }>(message: string, obj: T): T {
  const { metadata, ...body } = obj;
  const shaped = goJsonRoundTrip(message, body) as Plain;
  delete shaped['metadata'];
  return { ...shaped, metadata } as T;
}

/** Exposed with the table as a parameter so tests can use small hand-written tables. */
export function messageRoundTrip(table: FieldTable, message: string, value: unknown): Plain {
  const input = isPlain(value) ? value : {};
  const out: Plain = {};
  shapeFields(table, message, input, out);
  const known = knownNames(table, message);
  for (const [key, v] of Object.entries(input)) if (!known.has(key)) out[key] = v;
  return out;
}

/** Writes the shaped fields of `message` into `out`; an embedded struct reads the same input. */
function shapeFields(table: FieldTable, message: string, input: Plain, out: Plain): void {
  const fields = table.get(message);
  if (!fields) throw new Error(`no field specs for ${message}`);
  for (const field of fields) {
    if (field.shape === 'inline') {
      shapeFields(table, field.type, input, out);
      continue;
    }
    const shaped = fieldRoundTrip(table, field, input[field.name]);
    if (shaped !== OMIT) out[field.name] = shaped;
  }
}

const OMIT = Symbol('omit');

function fieldRoundTrip(table: FieldTable, field: FieldSpec, raw: unknown): unknown {
  if (field.shape === 'list') {
    // JSON `[]` and an absent list both come back from etcd's protobuf as a nil slice.
    if (!Array.isArray(raw) || raw.length === 0) return field.omitEmpty ? OMIT : null;
    return raw.map((item) => valueRoundTrip(table, field.type, item));
  }
  if (field.shape === 'map') {
    if (!isPlain(raw) || Object.keys(raw).length === 0) return field.omitEmpty ? OMIT : null;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, valueRoundTrip(table, field.type, v)]));
  }
  if (field.pointer) return raw === undefined || raw === null ? OMIT : valueRoundTrip(table, field.type, raw);
  if (isScalar(field.type)) {
    const v = raw ?? scalarZero(field.type);
    return field.omitEmpty && isZero(v) ? OMIT : v;
  }
  // A non-pointer struct is never omitted (encoding/json ignores omitempty on structs).
  return valueRoundTrip(table, field.type, raw);
}

function valueRoundTrip(table: FieldTable, type: string, raw: unknown): unknown {
  if (isScalar(type)) return raw ?? scalarZero(type);
  if (isWellKnown(type)) return raw ?? wellKnownZero(type);
  return messageRoundTrip(table, type, raw);
}


/** The JSON of a well-known type's Go zero value (its MarshalJSON of the zero struct). */
function wellKnownZero(type: string): unknown {
  switch (type) {
    case 'IntOrString':
      return 0;
    case 'Quantity':
      return '0';
    default:
      return null; // Time and MicroTime print their zero as null; FieldsV1 is empty
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const knownCache = new WeakMap<FieldTable, Map<string, ReadonlySet<string>>>();

/** JSON names of a message's fields, those of embedded structs included. */
function knownNames(table: FieldTable, message: string): ReadonlySet<string> {
  let byMessage = knownCache.get(table);
  if (!byMessage) knownCache.set(table, (byMessage = new Map()));
  let names = byMessage.get(message);
  if (!names) {
    const set = new Set<string>();
    for (const f of table.get(message) ?? []) {
      if (f.shape === 'inline') for (const n of knownNames(table, f.type)) set.add(n);
      else set.add(f.name);
    }
    byMessage.set(message, (names = set));
  }
  return names;
}
