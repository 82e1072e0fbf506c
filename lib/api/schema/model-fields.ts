// Field tables of the API models, read from the metadata `@kubernetes/client-node` ships with
// every generated model class (`V1Pod.getAttributeTypeMap()`), so skiff needs no schema
// files of its own. Decoded once per model and cached: strict field checking consults this
// on every request.
import * as clientNode from '@kubernetes/client-node';
import { asQuantity, parseFieldType, type FieldType } from './field-type.ts';
import { isQuantityField } from './quantity-fields.ts';

export interface ModelInfo {
  /** client-node class name, e.g. "V1PodSpec". */
  name: string;
  /** JSON field name → type, in the model's declaration order. */
  fields: ReadonlyMap<string, FieldType>;
}

interface AttributeType {
  /** The TypeScript property name; differs from the JSON name for reserved words (`_default`). */
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface ModelClass {
  getAttributeTypeMap(): AttributeType[];
}

const exportsByName = clientNode as unknown as Record<string, unknown>;
const cache = new Map<string, ModelInfo | null>();

function modelClass(name: string): ModelClass | undefined {
  // Only own exports: a name such as "constructor" must not reach Object.prototype.
  if (!Object.prototype.hasOwnProperty.call(exportsByName, name)) return undefined;
  const candidate = exportsByName[name];
  if (typeof candidate !== 'function') return undefined;
  const map = (candidate as Partial<ModelClass>).getAttributeTypeMap;
  return typeof map === 'function' ? (candidate as unknown as ModelClass) : undefined;
}

/** The decoded fields of a client-node model, or undefined when no such model exists. */
export function modelInfo(name: string): ModelInfo | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const cls = modelClass(name);
  if (!cls) {
    cache.set(name, null);
    return undefined;
  }
  const fields = new Map<string, FieldType>();
  for (const attr of cls.getAttributeTypeMap()) {
    const parsed = parseFieldType(attr.type, attr.format);
    fields.set(attr.baseName, isQuantityField(name, attr.baseName) ? asQuantity(parsed) : parsed);
  }
  const info: ModelInfo = { name, fields };
  cache.set(name, info);
  return info;
}

export function hasModel(name: string): boolean {
  return modelInfo(name) !== undefined;
}

export interface ModelNameParts {
  /** The group prefix client-node adds to disambiguate, e.g. "Core" in "CoreV1Event". */
  groupPrefix?: string;
  /** Lower-case API version, e.g. "v1", "v1beta1"; empty for unversioned models. */
  version: string;
  /** The Go type name, e.g. "Event". */
  kind: string;
}

const MODEL_NAME = /^([A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z].*)$/;

/** Splits "CoreV1Event" into prefix "Core", version "v1", kind "Event". */
export function modelNameParts(name: string): ModelNameParts {
  const m = MODEL_NAME.exec(name);
  if (!m) return { version: '', kind: name };
  const parts: ModelNameParts = { version: m[2]!.toLowerCase(), kind: m[3]! };
  if (m[1] !== undefined) parts.groupPrefix = m[1];
  return parts;
}
