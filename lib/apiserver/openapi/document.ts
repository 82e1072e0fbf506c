// OpenAPI v3 as kube-apiserver serves it: `/openapi/v3` lists one document per group-version
// with a content hash in its URL (clients cache by that URL), and each document is
// self-contained (paths plus every schema they reference). Everything derives from the
// registry, so documents are built once per registry and group-version and then reused.
import { createHash } from 'node:crypto';
import { patchSchemaFor } from '../../api/patch/builtin-patch-schemas.ts';
import type { Registry } from '../../registry/registry.ts';
import { groupVersion } from '../../registry/resource-type.ts';
import { ComponentSchemas, type JsonSchema } from './component-schemas.ts';
import { patchAnnotations, type PatchAnnotations, type PatchRoot } from './patch-annotations.ts';
import { groupVersionPaths, type PathItem } from './paths.ts';

export interface OpenApiV3Document {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface OpenApiV3Root {
  paths: Record<string, { serverRelativeURL: string }>;
}

export interface SerializedDocument {
  document: OpenApiV3Document;
  /** The JSON text, ready to send (the hash is of exactly these bytes). */
  json: string;
  /** Upper-case hex SHA-512 of `json`, as kube computes its document hashes. */
  hash: string;
}

interface RegistryCache {
  annotations: PatchAnnotations;
  documents: Map<string, SerializedDocument>;
}

const caches = new WeakMap<Registry, RegistryCache>();

function cacheFor(registry: Registry): RegistryCache {
  let cache = caches.get(registry);
  if (!cache) {
    const roots: PatchRoot[] = [];
    for (const t of registry.all()) {
      const schema = patchSchemaFor(t.group, t.kind);
      if (schema) roots.push({ modelName: t.strategy.modelName, schema });
    }
    cache = { annotations: patchAnnotations(roots), documents: new Map() };
    caches.set(registry, cache);
  }
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The URL segment kube uses for a group-version: "api/v1" or "apis/apps/v1". */
export function documentPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function build(registry: Registry, annotations: PatchAnnotations, group: string, version: string): OpenApiV3Document {
  const schemas = new ComponentSchemas(annotations);
  const paths = groupVersionPaths({
    group,
    version,
    types: registry.inGroupVersion(group, version),
    schemas,
    strategicMerge: (t) => patchSchemaFor(t.group, t.kind) !== undefined,
  });
  // DeleteOptions is accepted by every group-version; kube lists them all on its schema.
  for (const gv of registry.groups()) {
    for (const v of gv.versions) schemas.addGvk(schemas.addModel('V1DeleteOptions', ''), { group: gv.group, version: v, kind: 'DeleteOptions' });
  }
  const sortedPaths: Record<string, PathItem> = {};
  for (const p of Object.keys(paths).sort()) sortedPaths[p] = paths[p]!;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: sortedPaths,
    components: { schemas: schemas.toObject() },
  };
}

/** A group-version's document with its serialized form and hash; undefined if not served. */
export function openApiV3Serialized(registry: Registry, group: string, version: string): SerializedDocument | undefined {
  const cache = cacheFor(registry);
  const key = groupVersion({ group, version });
  const cached = cache.documents.get(key);
  if (cached) return cached;
  // Unserved group-versions are not cached: their names come from request URLs.
  if (registry.inGroupVersion(group, version).length === 0) return undefined;
  const document = deepFreeze(build(registry, cache.annotations, group, version));
  const json = JSON.stringify(document);
  const entry: SerializedDocument = { document, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
  cache.documents.set(key, entry);
  return entry;
}

/**
 * `/openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>` (frozen: it is shared). A
 * group-version the registry does not serve gets a document without paths, built afresh
 * rather than cached so arbitrary URLs cannot grow the cache; the router 404s those first.
 */
export function openApiV3Document(registry: Registry, group: string, version: string): OpenApiV3Document {
  return openApiV3Serialized(registry, group, version)?.document ?? build(registry, cacheFor(registry).annotations, group, version);
}

/** `/openapi/v3`: where each group-version's document lives, with its hash. */
export function openApiV3Root(registry: Registry): OpenApiV3Root {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, versions } of registry.groups()) {
    for (const version of versions) {
      const doc = openApiV3Serialized(registry, group, version);
      if (!doc) continue;
      const path = documentPath(group, version);
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` };
    }
  }
  return { paths };
}
