// Handlers for the scale and binding subresources (status reuses update and patch).
import { BadRequestError, MethodNotAllowedError, UnsupportedMediaTypeError } from '../../api/errors.ts';
import { PATCH_CONTENT_TYPES } from '../../registry/generic/patch.ts';
import { applyJsonPatch } from '../../api/patch/json-patch.ts';
import { applyMergePatch } from '../../api/patch/merge-patch.ts';
import { bindPod } from '../../registry/subresources/binding.ts';
import { getScale, updateScale } from '../../registry/subresources/scale.ts';
import { decodeBody, mediaType } from '../decode.ts';
import { fieldManager, fieldValidation, isDryRun, objectKey, readJsonObject, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleScale(req: ApiRequest): Promise<ApiResponse> {
  const key = objectKey(req);
  const manager = req.info.verb === 'get' ? undefined : fieldManager(req, req.info.verb === 'patch' ? 'PatchOptions' : 'UpdateOptions');
  const opts = { dryRun: isDryRun(req.query), fieldValidation: fieldValidation(req.query), warnings: req.warnings, fieldManager: manager };
  switch (req.info.verb) {
    case 'get':
      return { status: 200, body: await getScale(req.ctx, req.type, key) };
    case 'update': {
      const body = await readJsonObject(req, 'Scale');
      return { status: 200, body: await updateScale(req.ctx, req.type, key, () => body, opts) };
    }
    case 'patch': {
      const patchType = PATCH_CONTENT_TYPES[mediaType(req.contentType)];
      if (!patchType) throw new UnsupportedMediaTypeError('the body of the request was in an unknown patch format');
      const patch = decodeBody(await req.readBody(), 'application/json', { fieldValidation: 'Ignore', warnings: req.warnings, describe: 'Scale' });
      // Scale has no merge keys, so a strategic merge patch is a merge patch here.
      const apply = patchType === 'json' ? (s: unknown) => applyJsonPatch(s, patch) : (s: unknown) => applyMergePatch(s, patch);
      return { status: 200, body: await updateScale(req.ctx, req.type, key, apply, opts) };
    }
    default:
      throw new MethodNotAllowedError(`the scale subresource does not support ${req.info.verb}`);
  }
}

export async function handleBinding(req: ApiRequest): Promise<ApiResponse> {
  if (req.info.verb !== 'create') throw new MethodNotAllowedError(`the binding subresource only supports create`);
  const body = await readJsonObject(req, 'Binding');
  const name = (body['metadata'] as { name?: string } | undefined)?.name;
  if (name && name !== req.info.name) throw new BadRequestError(`the name of the binding (${name}) does not match the pod on the URL (${req.info.name})`);
  await bindPod(req.ctx, req.type, objectKey(req), body as { target?: { kind?: string; name?: string } }, { dryRun: isDryRun(req.query) });
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
