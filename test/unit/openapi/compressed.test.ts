// The OpenAPI documents go out gzipped to clients that accept it (kubectl always does), as
// kube-apiserver sends its large responses; the compressed bytes are made once per document.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, documentResponse } from '../../../lib/apiserver/openapi/compressed.ts';

describe('OpenAPI document responses', () => {
  it('reads Accept-Encoding as Go’s transport and curl send it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('gzips for clients that accept it and sends the text as is to the rest', async () => {
    const owner = {};
    const body = JSON.stringify({ paths: {}, padding: 'x'.repeat(10_000) });
    const zipped = documentResponse(owner, body, 'application/json', 'gzip');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(body.length / 10);
    expect(gunzipSync(bytes).toString()).toBe(body);
    const again = Buffer.from(await documentResponse(owner, body, 'application/json', 'gzip').arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const plain = documentResponse(owner, body, 'application/json', undefined);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(body);
  });
});
