// kube-apiserver gzips large responses for clients that accept it, and kubectl always does.
// The OpenAPI documents are the largest responses skiff sends (hundreds of KB) and never
// change for a registry, so each is compressed once, on first demand, and kept.
import { gzipSync } from 'node:zlib';

const gzipped = new WeakMap<object, Uint8Array<ArrayBuffer>>();

/** True when an Accept-Encoding header admits gzip (and does not give it q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding, ...params] = entry.split(';');
    return coding!.trim().toLowerCase() === 'gzip' && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/**
 * A response carrying `body`, gzipped when the client accepts it. `owner` is the cache entry
 * the body belongs to: its compressed form lives exactly as long as it does.
 */
export function documentResponse(owner: object, body: string | Uint8Array<ArrayBuffer>, contentType: string, acceptEncoding: string | undefined): Response {
  const headers: Record<string, string> = { 'content-type': contentType, vary: 'Accept-Encoding' };
  if (!acceptsGzip(acceptEncoding)) return new Response(body, { headers });
  let compressed = gzipped.get(owner);
  if (!compressed) {
    compressed = Uint8Array.from(gzipSync(body));
    gzipped.set(owner, compressed);
  }
  return new Response(compressed, { headers: { ...headers, 'content-encoding': 'gzip' } });
}
