// POST to a collection. The body's namespace must agree with the URL's (kube fills it in
// when absent); everything else is the registry's.
import { BadRequestError } from '../../api/errors.ts';
import { createObject } from '../../registry/generic/create.ts';
import { checkSchema, checkTypeMeta } from '../../registry/generic/object-checks.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { fieldManager, fieldValidation, isDryRun, readJsonObject, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleCreate(req: ApiRequest): Promise<ApiResponse> {
  const body = await readJsonObject(req);
  const opts = { dryRun: isDryRun(req.query), fieldValidation: fieldValidation(req.query), warnings: req.warnings, fieldManager: fieldManager(req, 'CreateOptions') };
  checkSchema(req.type, body, opts);
  const obj = checkTypeMeta(req.type, body as unknown as KubeObject);
  obj.metadata = { ...(obj.metadata ?? {}) };
  if (req.type.namespaced) {
    const urlNs = req.info.namespace;
    if (!urlNs) throw new BadRequestError(`${req.type.resource} is namespaced: create it under /namespaces/<namespace>/`);
    if (obj.metadata.namespace && obj.metadata.namespace !== urlNs) {
      throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = urlNs;
  }
  const created = await createObject(req.ctx, req.type, obj, opts);
  return { status: 201, body: created };
}
