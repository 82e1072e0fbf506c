// A compact notation for the Kubernetes messages we decode. Each message is a record from
// JSON field name to '<protobuf field number> <type>', listed in Go struct order so the JSON we
// produce has the key order kube's encoding/json would give.
//
// The notation carries exactly what two different consumers need:
//   - protobufjs needs the field number, the wire type and whether it repeats or is a map;
//   - the JSON conversion needs to know what Go's encoding/json does with the Go field the
//     protobuf came from, because the protobuf wire alone cannot say it. A Go client sends every
//     non-pointer field, zero or not, so "present on the wire" means "set" only for pointers.
//
// Type grammar (T is a scalar, a well-known type or a message name):
//   T       non-pointer field tagged omitempty: a zero scalar is dropped. Non-pointer structs
//           are never dropped (encoding/json ignores omitempty on structs), hence `"status": {}`.
//   T!      non-pointer field without omitempty: always emitted, the zero value when absent.
//           (Only matters for scalars; structs and well-known types are emitted either way.)
//   *T      pointer: emitted whenever it is on the wire, zero or not (replicas: 0 survives).
//   []T     slice, omitempty: dropped when empty.   []T!  slice without omitempty: null when empty.
//   {T}     map[string]T, omitempty.                {T}!  map without omitempty: null when empty.
//   ...T    embedded struct (json:",inline"): its fields are merged into the parent. The record
//           key is then the protobuf field name, since the JSON has none.

export type Scalar = 'string' | 'bool' | 'int32' | 'int64' | 'bytes';
/** Types with a custom JSON form in kube (MarshalJSON); see well-known-types.ts. */
export type WellKnown = 'Time' | 'MicroTime' | 'Quantity' | 'IntOrString' | 'FieldsV1';

export const SCALARS: readonly Scalar[] = ['string', 'bool', 'int32', 'int64', 'bytes'];
export const WELL_KNOWN: readonly WellKnown[] = ['Time', 'MicroTime', 'Quantity', 'IntOrString', 'FieldsV1'];

export type Shape = 'single' | 'list' | 'map' | 'inline';

export interface FieldSpec {
  /** The JSON name, or for inline fields the protobuf field name. */
  readonly name: string;
  readonly id: number;
  /** A Scalar, a WellKnown or a message name. */
  readonly type: string;
  readonly shape: Shape;
  readonly pointer: boolean;
  /** True when Go's json tag says omitempty (always true for pointers, irrelevant for inline). */
  readonly omitEmpty: boolean;
}

/** Message name → JSON field name → '<number> <type>'. */
export type MessageDefs = Readonly<Record<string, Readonly<Record<string, string>>>>;

const SPEC = /^(\d+) (\.\.\.|\*|\[\]|\{)?([A-Za-z][A-Za-z0-9]*)(\})?(!)?$/;

export function isScalar(type: string): type is Scalar {
  return (SCALARS as readonly string[]).includes(type);
}

export function isWellKnown(type: string): type is WellKnown {
  return (WELL_KNOWN as readonly string[]).includes(type);
}

/** Parses one field; a bad spec is a programming error in our definitions, so it throws plainly. */
export function parseFieldSpec(owner: string, name: string, spec: string): FieldSpec {
  const where = `${owner}.${name}`;
  const m = SPEC.exec(spec);
  if (!m) throw new Error(`protobuf definition for ${where} is not '<number> <type>': ${spec}`);
  const [, num, prefix, type, close, bang] = m;
  if (type === undefined || num === undefined) throw new Error(`unreachable: ${spec}`);
  if ((prefix === '{') !== (close === '}')) throw new Error(`unbalanced map braces in ${where}: ${spec}`);
  const shape: Shape = prefix === '...' ? 'inline' : prefix === '[]' ? 'list' : prefix === '{' ? 'map' : 'single';
  const pointer = prefix === '*';
  if (bang && (pointer || shape === 'inline')) throw new Error(`"!" makes no sense on the pointer or inline field ${where}`);
  return { name, id: Number(num), type, shape, pointer, omitEmpty: !bang };
}
