// PATCH on an object or its status subresource; the patch type is the Content-Type.
import { InvalidError, UnsupportedMediaTypeError } from '../../api/errors.ts';
import { PATCH_CONTENT_TYPES, patchObject } from '../../registry/generic/patch.ts';
import { decodeBody, mediaType } from '../decode.ts';
import { decodeContext, fieldManager, fieldValidation, isDryRun, objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';
import { handleApply } from './apply.ts';

export async function handlePatch(req: ApiRequest, subresource?: 'status'): Promise<ApiResponse> {
  const media = mediaType(req.contentType);
  if (media === 'application/apply-patch+yaml') return handleApply(req, subresource);
  const patchType = PATCH_CONTENT_TYPES[media];
  if (!patchType) {
    const accepted = [...Object.keys(PATCH_CONTENT_TYPES), 'application/apply-patch+yaml'];
    throw new UnsupportedMediaTypeError(`the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  }
  if (req.query.has('force')) {
    throw new InvalidError('PatchOptions.meta.k8s.io', '', [{ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' }], 'meta.k8s.io');
  }
  const opts = { dryRun: isDryRun(req.query), fieldValidation: fieldValidation(req.query), warnings: req.warnings, subresource, fieldManager: fieldManager(req, 'PatchOptions') };
  // Duplicate keys inside a patch are the patch author's mistake either way: decode leniently.
  const patch = decodeBody(await req.readBody(), 'application/json', { fieldValidation: 'Ignore', warnings: req.warnings, describe: decodeContext(req.type) });
  const result = await patchObject(req.ctx, req.type, objectKey(req), patchType, patch, opts);
  return { status: 200, body: result.object };
}
