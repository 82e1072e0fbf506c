// Apply's type information for a served kind, read from the same two sources the published
// OpenAPI is generated from: the client-node model field tables (lib/api/schema) and the
// list-type / list-map-key / map-type markers (lib/api/schema/list-types.ts). So what
// kubectl reads as x-kubernetes-list-map-keys is exactly what the server merges by.
// Lists without a marker are atomic, as in kube.
import { fieldTopology, isAtomicStruct } from '../schema/list-types.ts';
import type { FieldType } from '../schema/field-type.ts';
import { modelInfo } from '../schema/model-fields.ts';
import { SCALAR, UNTYPED, type TypeNode } from './types.ts';

// Defaults of list-map key fields, so `ports: [{containerPort: 80}]` is keyed as protocol TCP
// (kube publishes them as the key field's `default` in OpenAPI).
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

const cache = new Map<string, TypeNode>();

/** The type of a model (e.g. "V1Deployment"); free-form when the model is unknown. */
export function typeForModel(name: string): TypeNode {
  const cached = cache.get(name);
  if (cached) return cached;
  const info = modelInfo(name);
  if (!info) return UNTYPED;
  const fields = new Map<string, TypeNode>();
  const node: TypeNode = {
    kind: 'struct',
    atomic: isAtomicStruct(name),
    field(field: string): TypeNode | undefined {
      let t = fields.get(field);
      if (t) return t;
      const ft = info.fields.get(field);
      if (!ft) return undefined;
      t = fromFieldType(name, field, ft);
      fields.set(field, t);
      return t;
    },
  };
  cache.set(name, node);
  return node;
}

function fromFieldType(model: string, field: string, ft: FieldType): TypeNode {
  const topology = fieldTopology(model, field);
  switch (ft.kind) {
    case 'array': {
      const items = inner(ft.items);
      if (topology === 'set') return { kind: 'list', items, list: 'set' };
      if (topology && typeof topology === 'object' && 'mapKeys' in topology) {
        return { kind: 'list', items, list: { keys: topology.mapKeys, defaults: KEY_DEFAULTS } };
      }
      return { kind: 'list', items, list: 'atomic' };
    }
    case 'map': {
      const atomic = Boolean(topology && typeof topology === 'object' && 'mapType' in topology && topology.mapType === 'atomic');
      return { kind: 'map', values: inner(ft.values), atomic };
    }
    default:
      return inner(ft);
  }
}

function inner(ft: FieldType): TypeNode {
  switch (ft.kind) {
    case 'model':
      return typeForModel(ft.name);
    case 'free-form':
      return UNTYPED;
    case 'array':
      return { kind: 'list', items: inner(ft.items), list: 'atomic' };
    case 'map':
      return { kind: 'map', values: inner(ft.values) };
    default:
      return SCALAR;
  }
}
