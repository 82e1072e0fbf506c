// Answers GET /openapi/v2 in the form asked for: gnostic protobuf when the Accept header
// names it (client-go always does), JSON otherwise (`kubectl get --raw /openapi/v2`, curl).
// Both encodings are made once per registry and kept; the document is ~0.5 MB.
import type { Registry } from '../../../registry/registry.ts';
import { encodeSwagger, OPENAPI_V2_PROTOBUF } from './gnostic.ts';
import { swaggerDocument } from './swagger.ts';

interface Encoded {
  json?: string;
  protobuf?: Uint8Array<ArrayBuffer>;
}

const cache = new WeakMap<Registry, Encoded>();

/** True when an Accept header asks for the protobuf form (either spelling kube accepts). */
export function wantsProtobuf(accept: string): boolean {
  return accept.split(',').some((range) => /^\s*application\/com\.github\.proto-openapi\.spec\.v2[@.]v1\.0\+protobuf\s*(;|$)/.test(range));
}

export function openApiV2Response(registry: Registry, accept: string): Response {
  let encoded = cache.get(registry);
  if (!encoded) cache.set(registry, (encoded = {}));
  if (wantsProtobuf(accept)) {
    encoded.protobuf ??= Uint8Array.from(encodeSwagger(swaggerDocument(registry)));
    return new Response(encoded.protobuf, { headers: { 'content-type': OPENAPI_V2_PROTOBUF } });
  }
  encoded.json ??= JSON.stringify(swaggerDocument(registry));
  return new Response(encoded.json, { headers: { 'content-type': 'application/json' } });
}
