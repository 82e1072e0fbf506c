// Projects the server's strategic-merge-patch schemas (lib/api/patch) onto client-node models,
// so the published OpenAPI carries the same x-kubernetes-patch-strategy / patch-merge-key the
// server applies: kubectl computes its patches from these, and the two must agree.
import type { PatchField } from '../../api/patch/patch-schema.ts';
import type { FieldType } from '../../api/schema/field-type.ts';
import { modelInfo } from '../../api/schema/model-fields.ts';

export interface PatchAnnotation {
  strategy?: string;
  mergeKey?: string;
}

/** client-node model name → JSON field name → its patch annotation. */
export type PatchAnnotations = ReadonlyMap<string, ReadonlyMap<string, PatchAnnotation>>;

export interface PatchRoot {
  modelName: string;
  schema: PatchField;
}

/** The model inside lists/maps, with the patch description that applies to it. */
function innerModel(type: FieldType, field: PatchField): { model: string; field: PatchField | undefined } | undefined {
  switch (type.kind) {
    case 'model':
      return { model: type.name, field };
    case 'array':
    case 'map':
      return innerModel(type.kind === 'array' ? type.items : type.values, field.items ?? {});
    default:
      return undefined;
  }
}

type Seen = Map<PatchField, Set<string>>;

function collect(out: Map<string, Map<string, PatchAnnotation>>, modelName: string, schema: PatchField, seen: Seen): void {
  // Schemas are shared between kinds (PodSpec under Pod, Deployment, ReplicaSet) and between
  // models (Container and EphemeralContainer): walk each pairing once.
  const models = seen.get(schema) ?? new Set<string>();
  if (models.has(modelName)) return;
  seen.set(schema, models.add(modelName));
  const model = modelInfo(modelName);
  if (!model || !schema.fields) return;
  for (const [key, sub] of Object.entries(schema.fields)) {
    const type = model.fields.get(key);
    if (!type) continue;
    if (sub.strategy !== undefined || sub.mergeKey !== undefined) {
      const annotation: PatchAnnotation = {};
      if (sub.strategy !== undefined) annotation.strategy = sub.strategy;
      if (sub.mergeKey !== undefined) annotation.mergeKey = sub.mergeKey;
      if (!out.has(modelName)) out.set(modelName, new Map());
      out.get(modelName)!.set(key, annotation);
    }
    const inner = innerModel(type, sub);
    if (inner?.field) collect(out, inner.model, inner.field, seen);
  }
}

/** Annotations gathered from the patch schemas of every given kind. */
export function patchAnnotations(roots: readonly PatchRoot[]): PatchAnnotations {
  const out = new Map<string, Map<string, PatchAnnotation>>();
  const seen: Seen = new Map();
  for (const root of roots) collect(out, root.modelName, root.schema, seen);
  return out;
}
