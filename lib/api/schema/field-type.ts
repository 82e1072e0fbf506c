// The JSON shape of one API field, decoded from the type strings `@kubernetes/client-node`
// attaches to every model (`getAttributeTypeMap()`), e.g. `Array<V1Container>`,
// `{ [key: string]: string; }`, `number` + format `int32`. Field checking and the OpenAPI
// generator both read this form, so the string syntax is parsed in exactly one place.

export type FieldType =
  | { kind: 'string'; format?: 'byte' }
  | { kind: 'integer'; format: 'int32' | 'int64' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  /** metav1.Time (RFC 3339) or, with `micro`, metav1.MicroTime. */
  | { kind: 'time'; micro: boolean }
  | { kind: 'int-or-string' }
  /** resource.Quantity: a string such as "500m", or a JSON number. */
  | { kind: 'quantity' }
  /** Free-form JSON (RawExtension, FieldsV1, apiextensions JSON): anything goes. */
  | { kind: 'free-form' }
  | { kind: 'array'; items: FieldType }
  | { kind: 'map'; values: FieldType }
  /** Another client-node model, by its class name (e.g. "V1PodSpec"). */
  | { kind: 'model'; name: string };

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/**
 * Decodes a client-node type string. `format` qualifies the innermost primitive, so
 * `Array<number>` with `int64` is a list of int64 and `{ [key: string]: string; }` with
 * `byte` is a map of base64 strings (Secret.data).
 */
export function parseFieldType(type: string, format: string): FieldType {
  const array = ARRAY.exec(type);
  if (array) return { kind: 'array', items: parseFieldType(array[1]!, format) };
  const map = MAP.exec(type);
  if (map) return { kind: 'map', values: parseFieldType(map[1]!, format) };
  switch (type) {
    case 'string':
      return format === 'byte' ? { kind: 'string', format: 'byte' } : { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { kind: 'integer', format } : { kind: 'number' };
    case 'Date':
      return { kind: 'time', micro: false };
    case 'IntOrString':
      return { kind: 'int-or-string' };
    case 'any':
    case 'object':
      return { kind: 'free-form' };
    default:
      // MicroTime has no model class of its own in client-node; only its format marks it.
      if (format === 'date-time-micro' || type === 'V1MicroTime') return { kind: 'time', micro: true };
      return { kind: 'model', name: type };
  }
}

/** Replaces the innermost string of a (possibly nested) field type with a Quantity. */
export function asQuantity(type: FieldType): FieldType {
  switch (type.kind) {
    case 'array':
      return { kind: 'array', items: asQuantity(type.items) };
    case 'map':
      return { kind: 'map', values: asQuantity(type.values) };
    case 'string':
      return { kind: 'quantity' };
    default:
      return type;
  }
}
