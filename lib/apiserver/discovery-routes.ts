// Discovery and OpenAPI, generated from the registry on demand (cheap, and always true to it).
import type { Hono } from 'hono';
import { RouteNotFoundError } from '../api/errors.ts';
import type { Registry } from '../registry/registry.ts';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery, wantsAggregatedDiscovery } from './discovery/aggregated.ts';
import { apiGroupList, apiResourceList, apiVersions } from './discovery/legacy.ts';
import { openApiV3Root, openApiV3Serialized } from './openapi/document.ts';
import { documentResponse } from './openapi/compressed.ts';
import { openApiV2Response } from './openapi/v2/response.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function mountDiscovery(app: Hono<any>, registry: Registry): void {
  const aggregated = (accept: string | undefined, which: 'core' | 'apis') =>
    wantsAggregatedDiscovery(accept ?? '')
      ? new Response(JSON.stringify(aggregatedDiscovery(registry, which)), { headers: { 'content-type': AGGREGATED_DISCOVERY_CONTENT_TYPE } })
      : undefined;

  app.get('/api', (c) => aggregated(c.req.header('accept'), 'core') ?? c.json(apiVersions()));
  app.get('/apis', (c) => aggregated(c.req.header('accept'), 'apis') ?? c.json(apiGroupList(registry)));
  app.get('/api/:version', (c) => c.json(resourceList(registry, '', c.req.param('version'))));
  app.get('/apis/:group/:version', (c) => c.json(resourceList(registry, c.req.param('group'), c.req.param('version'))));
  app.get('/apis/:group', (c) => {
    const group = apiGroupList(registry).groups.find((g) => g.name === c.req.param('group'));
    if (!group) throw new RouteNotFoundError();
    return c.json({ kind: 'APIGroup', apiVersion: 'v1', ...group });
  });

  app.get('/openapi/v2', (c) => openApiV2Response(registry, c.req.header('accept') ?? '', c.req.header('accept-encoding')));
  app.get('/openapi/v3', (c) => c.json(openApiV3Root(registry)));
  app.get('/openapi/v3/api/:version', (c) => openApiDoc(registry, '', c.req.param('version'), c.req.header('accept-encoding')));
  app.get('/openapi/v3/apis/:group/:version', (c) => openApiDoc(registry, c.req.param('group'), c.req.param('version'), c.req.header('accept-encoding')));
}

function resourceList(registry: Registry, group: string, version: string): object {
  if (!registry.inGroupVersion(group, version).length) throw new RouteNotFoundError();
  return apiResourceList(registry, group, version);
}

/** Documents are built once and served as their cached JSON text (40–430 KB; gzipped ~6x smaller). */
function openApiDoc(registry: Registry, group: string, version: string, acceptEncoding: string | undefined): Response {
  const doc = registry.inGroupVersion(group, version).length ? openApiV3Serialized(registry, group, version) : undefined;
  if (!doc) throw new RouteNotFoundError();
  return documentResponse(doc, doc.json, 'application/json', acceptEncoding);
}
