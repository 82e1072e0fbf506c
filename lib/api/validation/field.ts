// Field-level validation causes, worded exactly as apimachinery's field.Error.ErrorBody()
// renders them, because kubectl prints `field: message` verbatim and users (and scripts)
// match on that text. Every validator in this folder builds its causes through here.

import type { StatusCause } from '../errors.ts';

/** metav1.CauseType values, as kube-apiserver puts them in Status.details.causes[].reason. */
export const CauseReason = {
  NotFound: 'FieldValueNotFound',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TypeInvalid: 'FieldValueTypeInvalid',
} as const;

// --- field paths, spelled like field.Path.String(): a.b[0].c[key] ---

export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Map keys are not quoted by kube (`resources.limits[nvidia.com/gpu]`). */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

// --- value rendering ---

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
  '\\': '\\\\', '"': '\\"',
};

/**
 * Go's strconv.Quote (what `%q` prints). Differs from JSON.stringify in how it escapes
 * control characters (\x01 rather than \u0001), which shows up in messages about
 * names containing them.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = GO_ESCAPES[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Renders a bad value the way ErrorBody does: strings quoted, numbers and booleans bare,
 * nil as `null`. Go prints structs with %#v; there is no such thing here, so objects and
 * arrays are shown as JSON, which is at least what the user sent.
 */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function withDetail(head: string, detail: string | undefined): string {
  return detail ? `${head}: ${detail}` : head;
}

// --- cause constructors, one per field.ErrorType ---

export function required(field: string, detail = ''): StatusCause {
  return { reason: CauseReason.Required, message: withDetail('Required value', detail), field };
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: CauseReason.Invalid, message: withDetail(`Invalid value: ${formatValue(value)}`, detail), field };
}

/** A value of the wrong JSON type (kube rejects these while decoding; we see raw JSON). */
export function typeInvalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: CauseReason.TypeInvalid, message: withDetail(`Invalid value: ${formatValue(value)}`, detail), field };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): StatusCause {
  const detail = supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { reason: CauseReason.NotSupported, message: withDetail(`Unsupported value: ${formatValue(value)}`, detail), field };
}

export function duplicate(field: string, value: unknown): StatusCause {
  return { reason: CauseReason.Duplicate, message: `Duplicate value: ${formatValue(value)}`, field };
}

export function notFound(field: string, value: unknown): StatusCause {
  return { reason: CauseReason.NotFound, message: `Not found: ${formatValue(value)}`, field };
}

export function forbidden(field: string, detail: string): StatusCause {
  return { reason: CauseReason.Forbidden, message: withDetail('Forbidden', detail), field };
}

/** Too-long errors never echo the value: it may be the 256 KiB that made it too long. */
export function tooLong(field: string, maxBytes: number): StatusCause {
  return { reason: CauseReason.TooLong, message: `Too long: must have at most ${maxBytes} bytes`, field };
}

// --- shared detail strings (apimachinery's validation package constants) ---

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** field.Invalid for each detail string an IsXxx function returned. */
export function invalidEach(field: string, value: unknown, details: readonly string[]): StatusCause[] {
  return details.map((d) => invalid(field, value, d));
}
