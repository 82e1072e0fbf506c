// Go spellings of field types, for error messages worded like the ones kube-apiserver's JSON
// decoder produces (`... of type []v1.Container`), which users paste into searches.
import type { FieldType } from './field-type.ts';
import { modelNameParts } from './model-fields.ts';

/** The Go type name of a model, e.g. "v1.PodSpec" (every GA package is named v1). */
export function goModelType(model: string): string {
  const { version, kind } = modelNameParts(model);
  return version ? `${version}.${kind}` : kind;
}

/** The Go struct name a decoder error cites for fields of `model`, e.g. "PodSpec". */
export function goStructName(model: string): string {
  return modelNameParts(model).kind;
}

export function goType(type: FieldType): string {
  switch (type.kind) {
    case 'string':
      return type.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return type.format;
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'time':
      return type.micro ? 'v1.MicroTime' : 'v1.Time';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'free-form':
      return 'runtime.RawExtension';
    case 'array':
      return `[]${goType(type.items)}`;
    case 'map':
      return `map[string]${goType(type.values)}`;
    case 'model':
      return goModelType(type.name);
  }
}

/** How Go's decoder names a JSON value's kind in "cannot unmarshal <kind>". */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'object':
      return value === null ? 'null' : 'object';
    default:
      return typeof value;
  }
}
