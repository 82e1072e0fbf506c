// Strict decoding, as kube-apiserver does it with fieldValidation=Strict: walk a decoded JSON
// body against the API model and report (a) fields the model does not declare, with paths
// spelled as sigs.k8s.io/json spells them (`spec.containers[0].foo`, map keys as `.key`),
// and (b) values of the wrong JSON type, worded like Go's encoding/json errors. Unknown
// fields are only fatal under Strict (Warn turns them into warnings); type errors are
// always fatal, because kube cannot decode the object at all.
import type { FieldType } from './field-type.ts';
import { goModelType, goStructName, goType, jsonKind } from './go-types.ts';
import { modelInfo, type ModelInfo } from './model-fields.ts';
import { scalarProblem } from './scalar-values.ts';

export interface FieldCheckResult {
  /** Paths of undeclared fields, in document order, e.g. "spec.containers[0].foo". */
  unknownFields: string[];
  /** One message per badly typed value, e.g. "json: cannot unmarshal string into …". */
  typeErrors: string[];
}

// kube stops collecting strict errors at 100 so a hostile body cannot grow the response.
const MAX_ERRORS = 100;

/** Where the walk is, in both spellings kube uses. */
interface Location {
  /** sigs.k8s.io/json strict path: fields joined by ".", list indexes as "[i]", map keys as ".key". */
  strictPath: string;
  /** Go's UnmarshalTypeError context: the innermost struct and the struct fields leading here. */
  goStruct?: string;
  goFields: string;
}

type Walk = FieldCheckResult;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function typeError(walk: Walk, at: Location, valueKind: string, type: string, detail?: string): void {
  if (walk.typeErrors.length >= MAX_ERRORS) return;
  const target = at.goStruct !== undefined ? `Go struct field ${at.goStruct}.${at.goFields}` : 'Go value';
  const suffix = detail ? `: ${detail}` : '';
  walk.typeErrors.push(`json: cannot unmarshal ${valueKind} into ${target} of type ${type}${suffix}`);
}

function checkModel(walk: Walk, value: Record<string, unknown>, model: ModelInfo, at: Location): void {
  const struct = goStructName(model.name);
  for (const [key, fieldValue] of Object.entries(value)) {
    const strictPath = child(at.strictPath, key);
    const type = model.fields.get(key);
    if (type === undefined) {
      if (walk.unknownFields.length < MAX_ERRORS) walk.unknownFields.push(strictPath);
      continue;
    }
    checkValue(walk, fieldValue, type, { strictPath, goStruct: struct, goFields: child(at.goFields, key) });
  }
}

function checkValue(walk: Walk, value: unknown, type: FieldType, at: Location): void {
  // null means "unset" for every Go type: pointers, slices and maps become nil, and
  // primitives are left alone.
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'array':
      if (!Array.isArray(value)) return typeError(walk, at, jsonKind(value), goType(type));
      value.forEach((item, i) => checkValue(walk, item, type.items, { ...at, strictPath: `${at.strictPath}[${i}]` }));
      return;
    case 'map':
      if (!isPlainObject(value)) return typeError(walk, at, jsonKind(value), goType(type));
      for (const [key, item] of Object.entries(value)) {
        checkValue(walk, item, type.values, { ...at, strictPath: child(at.strictPath, key) });
      }
      return;
    case 'model': {
      const model = modelInfo(type.name);
      // A model client-node references but does not export: accept rather than guess.
      if (!model) return;
      if (!isPlainObject(value)) return typeError(walk, at, jsonKind(value), goModelType(type.name));
      return checkModel(walk, value, model, at);
    }
    default: {
      const problem = scalarProblem(value, type);
      if (!problem) return;
      if ('wrongKind' in problem) return typeError(walk, at, problem.wrongKind, goType(type));
      return typeError(walk, at, jsonKind(value), goType(type), problem.invalid);
    }
  }
}

/**
 * Checks a decoded JSON body against a client-node model (e.g. "V1Pod", "CoreV1Event").
 * Throws when the model does not exist: that is a registry bug, not bad input.
 */
export function checkFields(obj: unknown, modelName: string): FieldCheckResult {
  const model = modelInfo(modelName);
  if (!model) throw new Error(`checkFields: @kubernetes/client-node has no model named ${modelName}`);
  const walk: Walk = { unknownFields: [], typeErrors: [] };
  if (obj === null || obj === undefined) return walk;
  if (!isPlainObject(obj)) {
    typeError(walk, { strictPath: '', goFields: '' }, jsonKind(obj), goModelType(modelName));
    return walk;
  }
  checkModel(walk, obj, model, { strictPath: '', goFields: '' });
  return walk;
}
