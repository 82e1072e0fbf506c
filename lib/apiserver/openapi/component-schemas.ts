// Builds OpenAPI v3 `components.schemas` from client-node models, named and shaped like
// kube-apiserver's: `$ref`s wrapped in `allOf` (which kubectl's strategic-merge lookup
// unwraps), kube's own schemas for Time, IntOrString and Quantity, plus the patch and
// list-topology extensions that kubectl and server-side apply read, and kube's descriptions,
// required fields and enums (docs/) for `kubectl explain`.
import type { FieldType } from '../../api/schema/field-type.ts';
import { fieldTopology, isAtomicStruct } from '../../api/schema/list-types.ts';
import { modelInfo } from '../../api/schema/model-fields.ts';
import {
  definitionName,
  FIELDS_V1,
  INT_OR_STRING,
  MICRO_TIME,
  PATCH,
  QUANTITY,
  RAW_EXTENSION,
  TIME,
} from './definition-names.ts';
import { definitionDocs } from './docs/table.ts';
import type { PatchAnnotations } from './patch-annotations.ts';

export type JsonSchema = Record<string, unknown>;

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

// Schemas client-node has no model for, as kube publishes them.
const FIXED_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  [TIME]: { type: 'string', format: 'date-time' },
  [MICRO_TIME]: { type: 'string', format: 'date-time' },
  [INT_OR_STRING]: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  [QUANTITY]: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  [RAW_EXTENSION]: { type: 'object' },
  [FIELDS_V1]: { type: 'object' },
  [PATCH]: { type: 'object' },
};

export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

export class ComponentSchemas {
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly gvks = new Map<string, Gvk[]>();

  constructor(private readonly patches: PatchAnnotations) {}

  /** Adds a model and everything it references; returns its schema name. */
  addModel(model: string, contextGroup: string): string {
    const name = definitionName(model, contextGroup);
    if (this.schemas.has(name)) return name;
    const info = modelInfo(model);
    if (!info) throw new Error(`openapi: @kubernetes/client-node has no model named ${model}`);
    const schema: JsonSchema = { type: 'object' };
    // Registered before the fields so self-referencing models terminate.
    this.schemas.set(name, schema);
    const docs = definitionDocs(name);
    if (docs?.description) schema.description = docs.description;
    const properties: Record<string, JsonSchema> = {};
    for (const [field, type] of info.fields) {
      const property: JsonSchema = { ...this.fieldSchema(type, model, field, contextGroup), ...this.extensions(model, field, type) };
      const description = docs?.properties?.[field];
      if (description) property.description = description;
      const values = docs?.enums?.[field];
      if (values && type.kind === 'string') property.enum = [...values];
      properties[field] = property;
    }
    const required = docs?.required?.filter((f) => info.fields.has(f));
    if (required?.length) schema.required = required;
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (isAtomicStruct(model)) schema['x-kubernetes-map-type'] = 'atomic';
    return name;
  }

  /** Adds one of the hand-written schemas (Patch, Quantity, …) by name. */
  addFixed(name: string): string {
    const schema = FIXED_SCHEMAS[name];
    if (!schema) throw new Error(`openapi: no fixed schema named ${name}`);
    if (!this.schemas.has(name)) {
      const description = definitionDocs(name)?.description;
      this.schemas.set(name, description ? { description, ...schema } : { ...schema });
    }
    return name;
  }

  /** Marks a schema as the wire form of a kind, as kube's x-kubernetes-group-version-kind. */
  addGvk(name: string, gvk: Gvk): void {
    const list = this.gvks.get(name) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
    this.gvks.set(name, list);
  }

  /** All schemas, sorted by name like kube's output. */
  toObject(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const name of [...this.schemas.keys()].sort()) {
      const gvks = this.gvks.get(name);
      out[name] = gvks ? { ...this.schemas.get(name), 'x-kubernetes-group-version-kind': gvks } : this.schemas.get(name)!;
    }
    return out;
  }

  private ref(name: string): JsonSchema {
    return { allOf: [schemaRef(name)] };
  }

  private fieldSchema(type: FieldType, owner: string, field: string, contextGroup: string): JsonSchema {
    switch (type.kind) {
      case 'string':
        return type.format ? { type: 'string', format: type.format } : { type: 'string' };
      case 'integer':
        return { type: 'integer', format: type.format };
      case 'number':
        return { type: 'number', format: 'double' };
      case 'boolean':
        return { type: 'boolean' };
      case 'time':
        return this.ref(this.addFixed(type.micro ? MICRO_TIME : TIME));
      case 'int-or-string':
        return this.ref(this.addFixed(INT_OR_STRING));
      case 'quantity':
        return this.ref(this.addFixed(QUANTITY));
      case 'free-form':
        // managedFields[].fieldsV1 is kube's FieldsV1; other free-form fields are RawExtensions.
        return this.ref(this.addFixed(owner === 'V1ManagedFieldsEntry' && field === 'fieldsV1' ? FIELDS_V1 : RAW_EXTENSION));
      case 'array':
        return { type: 'array', items: this.fieldSchema(type.items, owner, field, contextGroup) };
      case 'map':
        return { type: 'object', additionalProperties: this.fieldSchema(type.values, owner, field, contextGroup) };
      case 'model':
        return this.ref(this.addModel(type.name, contextGroup));
    }
  }

  private extensions(model: string, field: string, type: FieldType): JsonSchema {
    const out: JsonSchema = {};
    const topology = fieldTopology(model, field);
    if (topology !== undefined) {
      if (typeof topology === 'string') {
        if (type.kind === 'array') out['x-kubernetes-list-type'] = topology;
      } else if ('mapKeys' in topology) {
        if (type.kind === 'array') {
          out['x-kubernetes-list-map-keys'] = [...topology.mapKeys];
          out['x-kubernetes-list-type'] = 'map';
        }
      } else if (type.kind === 'map') {
        out['x-kubernetes-map-type'] = topology.mapType;
      }
    }
    const patch = this.patches.get(model)?.get(field);
    if (patch?.mergeKey !== undefined) out['x-kubernetes-patch-merge-key'] = patch.mergeKey;
    if (patch?.strategy !== undefined) out['x-kubernetes-patch-strategy'] = patch.strategy;
    return out;
  }
}
