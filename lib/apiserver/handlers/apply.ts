// PATCH with Content-Type application/apply-patch+yaml: server-side apply. The body is a
// complete (partial) object in YAML or JSON; ?fieldManager= is required, ?force=true takes
// over conflicting fields. Answers 201 when the apply created the object.
import { BadRequestError, InvalidError } from '../../api/errors.ts';
import { applyToObject } from '../../registry/generic/apply.ts';
import { checkSchema } from '../../registry/generic/object-checks.ts';
import { groupVersion } from '../../registry/resource-type.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { decodeBody } from '../decode.ts';
import { decodeContext, fieldManager, fieldValidation, isDryRun, objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleApply(req: ApiRequest, subresource?: 'status'): Promise<ApiResponse> {
  const manager = req.query.get('fieldManager') ? fieldManager(req, 'PatchOptions') : undefined;
  if (!manager) {
    throw new InvalidError('PatchOptions.meta.k8s.io', '', [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }], 'meta.k8s.io');
  }
  const opts = {
    dryRun: isDryRun(req.query),
    fieldValidation: fieldValidation(req.query),
    warnings: req.warnings,
    fieldManager: manager,
    force: parseForce(req.query.get('force')),
    subresource,
  };
  const text = await req.readBody();
  const describe = decodeContext(req.type);
  if (!text.trim()) throw new BadRequestError(`${describe}: the request body is empty`);
  const config = decodeBody(text, 'application/apply-patch+yaml', { fieldValidation: opts.fieldValidation, warnings: req.warnings, describe });
  const obj = checkConfig(req, config);
  checkSchema(req.type, obj, opts);
  const result = await applyToObject(req.ctx, req.type, objectKey(req), obj, opts);
  return { status: result.created ? 201 : 200, body: result.object };
}

function parseForce(v: string | null): boolean {
  if (v === null || v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw new BadRequestError(`force must be true or false, got "${v}"`);
}

/** An apply configuration names its type, and its object, exactly. */
function checkConfig(req: ApiRequest, config: unknown): KubeObject {
  const describe = decodeContext(req.type);
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new BadRequestError(`${describe}: the request body must be an object`);
  const obj = config as KubeObject;
  const apiVersion = groupVersion(req.type);
  if (!obj.apiVersion) throw new BadRequestError(`${describe}: Object 'apiVersion' is missing in the apply configuration`);
  if (!obj.kind) throw new BadRequestError(`${describe}: Object 'Kind' is missing in the apply configuration`);
  if (obj.apiVersion !== apiVersion) throw new BadRequestError(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`);
  if (obj.kind !== req.type.kind) throw new BadRequestError(`the kind in the data (${obj.kind}) does not match the expected kind (${req.type.kind})`);
  const meta = { ...(obj.metadata ?? {}) };
  if (meta.name && meta.name !== req.info.name) throw new BadRequestError(`the name of the object (${meta.name}) does not match the name on the URL (${req.info.name})`);
  if (meta.managedFields !== undefined && meta.managedFields !== null) throw new BadRequestError('metadata.managedFields must be nil');
  meta.name = req.info.name!;
  if (req.type.namespaced) {
    if (meta.namespace && meta.namespace !== req.info.namespace) {
      throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = req.info.namespace!;
  } else {
    delete meta.namespace;
  }
  delete meta.managedFields;
  return { ...obj, metadata: meta };
}
