// PATCH on an object or its status subresource; the patch type is the Content-Type.
import { UnsupportedMediaTypeError } from '../../api/errors.ts';
import { PATCH_CONTENT_TYPES, patchObject } from '../../registry/generic/patch.ts';
import { decodeBody, mediaType } from '../decode.ts';
import { decodeContext, fieldValidation, isDryRun, objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handlePatch(req: ApiRequest, subresource?: 'status'): Promise<ApiResponse> {
  const media = mediaType(req.contentType);
  const patchType = PATCH_CONTENT_TYPES[media];
  if (!patchType) {
    throw new UnsupportedMediaTypeError(
      media === 'application/apply-patch+yaml'
        ? 'server-side apply is not supported yet: use client-side kubectl apply'
        : `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(', ')}`,
    );
  }
  const opts = { dryRun: isDryRun(req.query), fieldValidation: fieldValidation(req.query), warnings: req.warnings, subresource };
  // Duplicate keys inside a patch are the patch author's mistake either way: decode leniently.
  const patch = decodeBody(await req.readBody(), 'application/json', { fieldValidation: 'Ignore', warnings: req.warnings, describe: decodeContext(req.type) });
  const result = await patchObject(req.ctx, req.type, objectKey(req), patchType, patch, opts);
  return { status: 200, body: result.object };
}
