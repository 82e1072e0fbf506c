// The way kubectl walks an OpenAPI v3 document when it computes a strategic merge patch
// (apimachinery strategicpatch.PatchMetaFromOpenAPIV3): find the components schema whose
// x-kubernetes-group-version-kind matches, step into `properties`, unwrap `allOf[0]`,
// resolve `$ref`, step into `items` for lists. Tests use it to prove kubectl can read ours.
import { expect } from 'vitest';
import type { PatchField } from '../../../lib/api/patch/patch-schema.ts';
import type { OpenApiV3Document } from '../../../lib/apiserver/openapi/document.ts';

export type Schema = Record<string, unknown>;

export interface PatchMeta {
  strategy?: string;
  mergeKey?: string;
}

export class LookupError extends Error {}

export function schemaForKind(doc: OpenApiV3Document, gvk: { group: string; version: string; kind: string }): Schema {
  const matches = Object.values(doc.components.schemas).filter((s) =>
    ((s['x-kubernetes-group-version-kind'] as Schema[] | undefined) ?? []).some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind),
  );
  if (matches.length !== 1) throw new LookupError(`expected one schema for ${JSON.stringify(gvk)}, found ${matches.length}`);
  return matches[0]!;
}

function resolve(doc: OpenApiV3Document, schema: Schema): Schema {
  let s = schema;
  const allOf = s.allOf as Schema[] | undefined;
  if (allOf && allOf.length > 0) s = allOf[0]!;
  const ref = s.$ref as string | undefined;
  if (ref) {
    const target = doc.components.schemas[ref.replace('#/components/schemas/', '')];
    if (!target) throw new LookupError(`unable to resolve ${ref}`);
    s = target;
  }
  return s;
}

function traverse(schema: Schema, key: string): Schema {
  const props = schema.properties as Record<string, Schema> | undefined;
  if (!props || !(key in props)) throw new LookupError(`unable to find api field "${key}"`);
  return props[key]!;
}

function meta(field: Schema): PatchMeta {
  const out: PatchMeta = {};
  if (typeof field['x-kubernetes-patch-strategy'] === 'string') out.strategy = field['x-kubernetes-patch-strategy'];
  if (typeof field['x-kubernetes-patch-merge-key'] === 'string') out.mergeKey = field['x-kubernetes-patch-merge-key'];
  return out;
}

/** LookupPatchMetadataForStruct. */
export function lookupStruct(doc: OpenApiV3Document, schema: Schema, key: string): { schema: Schema; meta: PatchMeta } {
  const field = traverse(schema, key);
  return { schema: resolve(doc, field), meta: meta(field) };
}

/** LookupPatchMetadataForSlice. */
export function lookupSlice(doc: OpenApiV3Document, schema: Schema, key: string): { schema: Schema; meta: PatchMeta } {
  const field = traverse(schema, key);
  const items = (field.items as Schema | undefined) ?? field;
  return { schema: resolve(doc, items), meta: meta(field) };
}

/**
 * Walks an object the way the three-way diff does when the key exists on both sides: maps
 * look up struct metadata, lists of maps look up slice metadata and recurse per element.
 * Throws where kubectl would print "error calculating patch from openapi v3 spec".
 */
export function walkObject(doc: OpenApiV3Document, schema: Schema, value: Record<string, unknown>): void {
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      const { schema: items } = lookupSlice(doc, schema, key);
      for (const element of v) if (element && typeof element === 'object') walkObject(doc, items, element as Record<string, unknown>);
    } else if (v && typeof v === 'object') {
      const { schema: sub } = lookupStruct(doc, schema, key);
      // Map values that are scalars (labels, resource lists) need no further lookups.
      const entries = Object.values(v as Record<string, unknown>);
      if (sub.properties || entries.some((e) => e && typeof e === 'object')) walkObject(doc, sub, v as Record<string, unknown>);
    }
  }
}

/** Walks a server patch schema and checks kubectl would find the same metadata in OpenAPI. */
export function expectAgreement(doc: OpenApiV3Document, at: Schema, patch: PatchField, path: string): number {
  let checked = 0;
  for (const [key, sub] of Object.entries(patch.fields ?? {})) {
    const field = (at.properties as Record<string, Schema>)[key]!;
    expect(field, `${path}.${key}`).toBeDefined();
    const isList = (field.type as string | undefined) === 'array';
    const { schema: next, meta } = isList ? lookupSlice(doc, at, key) : lookupStruct(doc, at, key);
    const expected: Record<string, string> = {};
    if (sub.strategy) expected.strategy = sub.strategy;
    if (sub.mergeKey) expected.mergeKey = sub.mergeKey;
    expect(meta, `${path}.${key}`).toEqual(expected);
    checked++;
    const inner = isList ? sub.items : sub;
    if (inner?.fields) checked += expectAgreement(doc, next, inner, `${path}.${key}`);
  }
  return checked;
}
