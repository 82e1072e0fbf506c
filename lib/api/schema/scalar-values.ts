// Checks of single JSON values against the scalar field types, mirroring what Go's decoder
// and the custom unmarshalers of metav1.Time, intstr.IntOrString and resource.Quantity
// reject. Each returns undefined when the value is acceptable, else a problem to report.
import { parseQuantity, QuantityParseError } from '../quantity.ts';
import type { FieldType } from './field-type.ts';
import { jsonKind } from './go-types.ts';

export type ScalarProblem =
  /** The JSON kind is wrong, in Go's wording ("string", "number 1.5", …). */
  | { wrongKind: string }
  /** The kind is right but the content does not parse (bad base64, time, quantity). */
  | { invalid: string };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// JSON numbers arrive as doubles; this bound admits every int64 a client can actually send.
const INT64_LIMIT = 2 ** 63;

// time.RFC3339 as Go parses it: fractional seconds are accepted even though the layout lacks them.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function integerProblem(value: number, format: 'int32' | 'int64'): ScalarProblem | undefined {
  const fits = Number.isInteger(value) && (format === 'int32' ? value >= INT32_MIN && value <= INT32_MAX : Math.abs(value) <= INT64_LIMIT);
  return fits ? undefined : { wrongKind: `number ${value}` };
}

/** Position of the first byte Go's base64.StdEncoding would reject, or undefined if valid. */
export function base64ErrorOffset(text: string): number | undefined {
  // The decoder skips line breaks, so they neither count as errors nor as data.
  const data = text.replace(/[\r\n]/g, '');
  const firstPad = data.indexOf('=');
  const body = firstPad < 0 ? data : data.slice(0, firstPad);
  const bad = body.search(/[^A-Za-z0-9+/]/);
  if (bad >= 0) return bad;
  if (firstPad >= 0) {
    const padding = data.slice(firstPad);
    if (!/^={1,2}$/.test(padding) || data.length % 4 !== 0) return firstPad;
    return undefined;
  }
  // Unpadded input is complete only in whole quanta of four characters.
  return data.length % 4 === 0 ? undefined : data.length - (data.length % 4);
}

/** Checks a non-null value against a scalar type; composite types are not handled here. */
export function scalarProblem(value: unknown, type: FieldType): ScalarProblem | undefined {
  const kind = typeof value;
  switch (type.kind) {
    case 'string':
      if (kind !== 'string') return { wrongKind: jsonKind(value) };
      if (type.format === 'byte') {
        const offset = base64ErrorOffset(value as string);
        if (offset !== undefined) return { invalid: `illegal base64 data at input byte ${offset}` };
      }
      return undefined;
    case 'boolean':
      return kind === 'boolean' ? undefined : { wrongKind: jsonKind(value) };
    case 'number':
      return kind === 'number' ? undefined : { wrongKind: jsonKind(value) };
    case 'integer':
      return kind === 'number' ? integerProblem(value as number, type.format) : { wrongKind: jsonKind(value) };
    case 'time':
      if (kind !== 'string') return { wrongKind: jsonKind(value) };
      return RFC3339.test(value as string) ? undefined : { invalid: `parsing time ${JSON.stringify(value)} as RFC 3339 failed` };
    case 'int-or-string':
      if (kind === 'string') return undefined;
      // IntOrString decodes a non-string into an int32.
      return kind === 'number' ? integerProblem(value as number, 'int32') : { wrongKind: jsonKind(value) };
    case 'quantity':
      if (kind !== 'string' && kind !== 'number') return { wrongKind: jsonKind(value) };
      try {
        parseQuantity(value as string | number);
        return undefined;
      } catch (err) {
        if (err instanceof QuantityParseError) return { invalid: err.message };
        throw err;
      }
    case 'free-form':
      return undefined;
    default:
      throw new Error(`scalarProblem: ${type.kind} is not a scalar type`);
  }
}
