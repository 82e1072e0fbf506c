// The API documentation published with skiff's OpenAPI schemas: kube's own descriptions,
// required fields and enums, generated from the kubernetes-models package (see generate.ts).
// A JSON import, so bundlers (the Lambda build) carry it along with the code.
import docs from './k8s-docs.json' with { type: 'json' };
import type { DefinitionDocs, DocsTable } from './types.ts';

const TABLE: DocsTable = docs as DocsTable;

/** The docs of a definition by kube's name, e.g. "io.k8s.api.core.v1.Container". */
export function definitionDocs(name: string): DefinitionDocs | undefined {
  return Object.prototype.hasOwnProperty.call(TABLE, name) ? TABLE[name] : undefined;
}
