// Guards the kinds others add under lib/registry/kinds/: each must name a real client-node
// model, and kubectl must read the same patch strategies from OpenAPI as the server applies.
import { describe, expect, it } from 'vitest';
import { patchSchemaFor } from '../../../lib/api/patch/builtin-patch-schemas.ts';
import { hasModel } from '../../../lib/api/schema/model-fields.ts';
import { openApiV3Document, openApiV3Root } from '../../../lib/apiserver/openapi/document.ts';
import { builtinRegistry } from '../../../lib/registry/builtin.ts';
import { expectAgreement, schemaForKind } from './kubectl-lookup.ts';

describe('the built-in registry', () => {
  const registry = builtinRegistry();

  it('names an existing client-node model for every kind', () => {
    for (const t of registry.all()) expect(hasModel(t.strategy.modelName), `${t.kind}: ${t.strategy.modelName}`).toBe(true);
  });

  it('publishes OpenAPI that agrees with the server’s strategic merge schemas', () => {
    expect(Object.keys(openApiV3Root(registry).paths).length).toBe(registry.groups().reduce((n, g) => n + g.versions.length, 0));
    for (const t of registry.all()) {
      const patch = patchSchemaFor(t.group, t.kind);
      if (!patch) continue;
      const doc = openApiV3Document(registry, t.group, t.version);
      expectAgreement(doc, schemaForKind(doc, { group: t.group, version: t.version, kind: t.kind }), patch, t.kind);
    }
  });
});
