// PUT on an object or its status subresource.
import { BadRequestError } from '../../api/errors.ts';
import { checkSchema, checkTypeMeta } from '../../registry/generic/object-checks.ts';
import { updateObject } from '../../registry/generic/update.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { fieldManager, fieldValidation, isDryRun, objectKey, readJsonObject, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleUpdate(req: ApiRequest, subresource?: 'status'): Promise<ApiResponse> {
  const body = await readJsonObject(req);
  const opts = { dryRun: isDryRun(req.query), fieldValidation: fieldValidation(req.query), warnings: req.warnings, subresource, fieldManager: fieldManager(req, 'UpdateOptions') };
  checkSchema(req.type, body, opts);
  const obj = checkTypeMeta(req.type, body as unknown as KubeObject);
  const key = objectKey(req);
  if (obj.metadata?.namespace && req.type.namespaced && obj.metadata.namespace !== key.namespace) {
    throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
  }
  const result = await updateObject(req.ctx, req.type, key, obj, opts);
  return { status: 200, body: result.object };
}
