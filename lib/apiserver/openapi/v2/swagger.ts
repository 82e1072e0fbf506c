// `/openapi/v2`: the Swagger 2.0 form of the same schemas and paths the v3 documents publish,
// merged into one document as kube-apiserver serves it. kubectl reads it (as protobuf, see
// gnostic.ts) when it cannot use v3: `explain --output plaintext-openapiv2`, client-side
// validation, and apply's patch computation fallback. Derived from the cached v3 documents,
// so the two can never disagree.
import type { Registry } from '../../../registry/registry.ts';
import { versionInfo } from '../../version.ts';
import type { JsonSchema } from '../component-schemas.ts';
import { openApiV3Serialized, type OpenApiV3Document } from '../document.ts';
import type { PathItem } from '../paths.ts';

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  definitions: Record<string, JsonSchema>;
}

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';
const OPERATIONS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const GVK = 'x-kubernetes-group-version-kind';
type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A v3 schema in v2 terms: `#/definitions/` refs, no allOf wrappers, no oneOf. */
export function toV2Schema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') out.$ref = String(value).replace(V3_REF, V2_REF);
    else if (key === 'allOf' && Array.isArray(value) && value.length === 1) Object.assign(out, toV2Schema(value[0] as JsonSchema));
    // v2 has no oneOf: kube publishes IntOrString as a formatted string and Quantity as a string.
    else if (key === 'oneOf') out.type = 'string';
    else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) out[key] = toV2Schema(value);
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toV2Schema(v as JsonSchema)]));
    } else out[key] = value;
  }
  return out;
}

/** A v3 parameter (`schema: {type}`) in v2 form (`type` inline). */
function toV2Parameter(p: Json): Json {
  const { schema, ...rest } = p;
  return { ...rest, ...(isObject(schema) ? schema : {}) };
}

function toV2Operation(op: Json): Json {
  const out: Json = {};
  const consumes: string[] = [];
  const parameters: Json[] = [];
  for (const [key, value] of Object.entries(op)) {
    if (key === 'parameters') parameters.push(...(value as Json[]).map(toV2Parameter));
    else if (key === 'requestBody' && isObject(value)) {
      const content = value.content as Record<string, { schema: JsonSchema }>;
      consumes.push(...Object.keys(content));
      const schema = Object.values(content)[0]!.schema;
      parameters.unshift({ name: 'body', in: 'body', ...(value.required ? { required: true } : {}), schema: toV2Schema(schema) });
    } else if (key === 'responses' && isObject(value)) {
      out.responses = Object.fromEntries(
        Object.entries(value).map(([code, r]) => {
          const { content, ...rest } = r as Json;
          const schema = isObject(content) ? (Object.values(content)[0] as { schema: JsonSchema }).schema : undefined;
          return [code, schema ? { ...rest, schema: toV2Schema(schema) } : rest];
        }),
      );
    } else out[key] = value;
  }
  if (parameters.length) out.parameters = parameters;
  out.consumes = consumes.length ? consumes : ['*/*'];
  out.produces = ['application/json'];
  out.schemes = ['https'];
  return out;
}

function toV2PathItem(item: PathItem): PathItem {
  const out: PathItem = {};
  for (const [key, value] of Object.entries(item)) {
    if ((OPERATIONS as readonly string[]).includes(key)) out[key] = toV2Operation(value as Json);
    else if (key === 'parameters') out.parameters = (value as Json[]).map(toV2Parameter);
    else out[key] = value;
  }
  return out;
}

/** Adds one group-version's schemas, uniting the GVK lists of schemas several documents share. */
function addDefinitions(into: Record<string, JsonSchema>, doc: OpenApiV3Document): void {
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const existing = into[name];
    if (!existing) {
      into[name] = toV2Schema(schema);
      continue;
    }
    const gvks = [...((existing[GVK] as Json[] | undefined) ?? [])];
    for (const g of (schema[GVK] as Json[] | undefined) ?? []) {
      if (!gvks.some((e) => e.group === g.group && e.version === g.version && e.kind === g.kind)) gvks.push(g);
    }
    if (gvks.length) into[name] = { ...existing, [GVK]: gvks };
  }
}

function build(registry: Registry): SwaggerDocument {
  const paths: Record<string, PathItem> = {};
  const definitions: Record<string, JsonSchema> = {};
  for (const { group, versions } of registry.groups()) {
    for (const version of versions) {
      const doc = openApiV3Serialized(registry, group, version)?.document;
      if (!doc) continue;
      for (const [path, item] of Object.entries(doc.paths)) paths[path] = toV2PathItem(item);
      addDefinitions(definitions, doc);
    }
  }
  const sorted = <T>(r: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]!]));
  return { swagger: '2.0', info: { title: 'Kubernetes', version: versionInfo().gitVersion! }, paths: sorted(paths), definitions: sorted(definitions) };
}

const cache = new WeakMap<Registry, SwaggerDocument>();

/** The registry's v2 document, built on first use and kept (it only changes with the registry). */
export function swaggerDocument(registry: Registry): SwaggerDocument {
  let doc = cache.get(registry);
  if (!doc) {
    doc = build(registry);
    cache.set(registry, doc);
  }
  return doc;
}
