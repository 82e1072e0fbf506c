// The documentation skiff publishes for one OpenAPI definition, as stored in k8s-docs.json.
export interface DefinitionDocs {
  description?: string;
  /** JSON field name → its description. */
  properties?: Record<string, string>;
  /** Fields kube marks required. */
  required?: string[];
  /** Field → the values of its enum (kube's `+enum` types). */
  enums?: Record<string, string[]>;
}

/** Definition name ("io.k8s.api.core.v1.Container") → its documentation. */
export type DocsTable = Readonly<Record<string, DefinitionDocs>>;
