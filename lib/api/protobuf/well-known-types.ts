// The apimachinery types whose protobuf and JSON forms differ in shape: each is a small message
// on the wire but a scalar in kube's JSON (their Go types implement MarshalJSON). The wire
// definitions use the real field numbers; the converters reproduce what Go's Unmarshal
// followed by MarshalJSON would print, so a protobuf body and kubectl's JSON for the same
// object come out identical.

import { parseQuantity, quantityToString } from '../quantity.ts';
import type { MessageDefs, WellKnown } from './field-spec.ts';

export const WELL_KNOWN_DEFS: MessageDefs = {
  // meta/v1 Time and MicroTime are both sent as a Timestamp.
  Time: { seconds: '1 int64', nanos: '2 int32' },
  MicroTime: { seconds: '1 int64', nanos: '2 int32' },
  // api/resource Quantity travels as its canonical string.
  Quantity: { string: '1 string' },
  // util/intstr: type 0 = Int, 1 = String.
  IntOrString: { type: '1 int64', intVal: '2 int32', strVal: '3 string' },
  // meta/v1 FieldsV1 carries managedFields' JSON document as raw bytes.
  FieldsV1: { Raw: '1 bytes' },
};

/** A value that decodes as protobuf but that Go would refuse to turn into an object. */
export class MalformedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedValueError';
  }
}

type Decoded = Readonly<Record<string, unknown>> | undefined;

// Go's zero time.Time is 0001-01-01T00:00:00Z; it marshals as null.
const GO_ZERO_UNIX = -62135596800;
// 9999-12-31T23:59:59Z: RFC 3339 has four-digit years, and kube's validation stops there too.
const MAX_UNIX = 253402300799;

/**
 * JSON for a well-known value. `value` is undefined when the field was absent on the wire,
 * which for a non-pointer Go field means its zero value.
 */
export function wellKnownToJson(type: WellKnown, value: Decoded, path: string): unknown {
  switch (type) {
    case 'Time':
      return timeToJson(value, path, false);
    case 'MicroTime':
      return timeToJson(value, path, true);
    case 'Quantity':
      return quantityToJson(value, path);
    case 'IntOrString':
      return intOrStringToJson(value, path);
    case 'FieldsV1':
      return fieldsV1ToJson(value, path);
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function timeToJson(value: Decoded, path: string, micro: boolean): string | null {
  // Go's Unmarshal maps an empty message to the zero time, which is how an unset
  // creationTimestamp arrives.
  if (value === undefined || Object.keys(value).length === 0) return null;
  let seconds = num(value.seconds);
  // metav1.Time drops the nanoseconds on decode; MicroTime truncates them to microseconds.
  let nanos = micro ? num(value.nanos) : 0;
  if (nanos < 0 || nanos >= 1e9) {
    seconds += Math.floor(nanos / 1e9);
    nanos = ((nanos % 1e9) + 1e9) % 1e9;
  }
  const micros = Math.trunc(nanos / 1000);
  if (seconds === GO_ZERO_UNIX && micros === 0) return null;
  if (!Number.isSafeInteger(seconds) || seconds < GO_ZERO_UNIX || seconds > MAX_UNIX) {
    throw new MalformedValueError(`${path}: timestamp ${seconds}s is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z`);
  }
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${base}.${String(micros).padStart(6, '0')}Z` : `${base}Z`;
}

function quantityToJson(value: Decoded, path: string): string {
  const s = value?.string;
  if (typeof s !== 'string') return '0';
  try {
    // Go parses on decode and prints canonically on encode ("0.5" → "500m").
    return quantityToString(parseQuantity(s));
  } catch (err) {
    throw new MalformedValueError(`${path}: quantity ${JSON.stringify(s)}: ${(err as Error).message}`);
  }
}

function intOrStringToJson(value: Decoded, path: string): number | string {
  const type = num(value?.type);
  if (type === 0) return num(value?.intVal);
  if (type === 1) return typeof value?.strVal === 'string' ? value.strVal : '';
  throw new MalformedValueError(`${path}: IntOrString type ${type} is neither 0 (int) nor 1 (string)`);
}

function fieldsV1ToJson(value: Decoded, path: string): unknown {
  const raw = value?.Raw;
  if (typeof raw !== 'string' || raw === '') return null;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedValueError(`${path}: fieldsV1 does not hold a JSON document`);
  }
}
