// Answers GET /openapi/v2 in the form asked for: gnostic protobuf when the Accept header
// names it (client-go always does), JSON otherwise (`kubectl get --raw /openapi/v2`, curl).
// Both encodings are made once per registry and kept (~0.5 MB; gzipped for clients that accept it).
import type { Registry } from '../../../registry/registry.ts';
import { documentResponse } from '../compressed.ts';
import { encodeSwagger, OPENAPI_V2_PROTOBUF } from './gnostic.ts';
import { swaggerDocument } from './swagger.ts';

// One object per encoding, so each also keys its gzipped form.
interface Encoded {
  json?: { body: string };
  protobuf?: { body: Uint8Array<ArrayBuffer> };
}

const cache = new WeakMap<Registry, Encoded>();

/** True when an Accept header asks for the protobuf form (either spelling kube accepts). */
export function wantsProtobuf(accept: string): boolean {
  return accept.split(',').some((range) => /^\s*application\/com\.github\.proto-openapi\.spec\.v2[@.]v1\.0\+protobuf\s*(;|$)/.test(range));
}

export function openApiV2Response(registry: Registry, accept: string, acceptEncoding?: string): Response {
  let encoded = cache.get(registry);
  if (!encoded) cache.set(registry, (encoded = {}));
  if (wantsProtobuf(accept)) {
    encoded.protobuf ??= { body: Uint8Array.from(encodeSwagger(swaggerDocument(registry))) };
    return documentResponse(encoded.protobuf, encoded.protobuf.body, OPENAPI_V2_PROTOBUF, acceptEncoding);
  }
  encoded.json ??= { body: JSON.stringify(swaggerDocument(registry)) };
  return documentResponse(encoded.json, encoded.json.body, 'application/json', acceptEncoding);
}
