// Builds protobufjs reflection types from our compact definitions (field-spec.ts), rather than
// loading .proto files: we need a few dozen of kube's several hundred messages, and the same
// definitions also drive the JSON conversion. All messages share one flat namespace; a
// duplicate name across API groups is a mistake in the definitions and fails at load.

import { Field, MapField, Root, Type } from 'protobufjs';
import { isScalar, parseFieldSpec } from './field-spec.ts';
import type { FieldSpec, MessageDefs } from './field-spec.ts';
import type { FieldTable } from './go-json.ts';

export interface ProtoSchema {
  readonly root: Root;
  readonly fields: FieldTable;
}

export function buildSchema(groups: readonly MessageDefs[]): ProtoSchema {
  const fields = new Map<string, readonly FieldSpec[]>();
  for (const defs of groups) {
    for (const [message, spec] of Object.entries(defs)) {
      if (fields.has(message)) throw new Error(`protobuf message ${message} is defined twice`);
      fields.set(message, Object.entries(spec).map(([name, s]) => parseFieldSpec(message, name, s)));
    }
  }
  const root = new Root();
  for (const [message, specs] of fields) {
    const type = new Type(message);
    for (const f of specs) {
      if (!isScalar(f.type) && !fields.has(f.type)) throw new Error(`${message}.${f.name} refers to undefined message ${f.type}`);
      // Kube's generated.proto is proto2 with string keys for every map; repeated scalars may
      // arrive packed or not, and protobufjs' decoder accepts both.
      if (f.shape === 'map') type.add(new MapField(f.name, f.id, 'string', f.type));
      else type.add(new Field(f.name, f.id, f.type, f.shape === 'list' ? 'repeated' : 'optional'));
    }
    root.add(type);
  }
  root.resolveAll();
  return { root, fields };
}
