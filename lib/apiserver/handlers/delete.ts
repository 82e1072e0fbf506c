// DELETE of one object, and of a collection. Options come from a DeleteOptions body (what
// kubectl sends) or the query string; kube answers 200 when the object is gone and 202
// when it was only marked for deletion.
import { BadRequestError } from '../../api/errors.ts';
import { deleteObject, type DeleteOptions } from '../../registry/generic/delete.ts';
import { listBody, listObjects } from '../../registry/generic/read.ts';
import { decodeBody } from '../decode.ts';
import { isDryRun, nonNegativeInt, objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

const POLICIES = ['Background', 'Foreground', 'Orphan'] as const;

export async function handleDelete(req: ApiRequest): Promise<ApiResponse> {
  const opts = await deleteOptions(req);
  const result = await deleteObject(req.ctx, req.type, objectKey(req), opts);
  return { status: result.deleted ? 200 : 202, body: result.object };
}

export async function handleDeleteCollection(req: ApiRequest): Promise<ApiResponse> {
  const opts = await deleteOptions(req);
  const list = await listObjects(req.ctx, req.type, {
    namespace: req.info.namespace,
    labelSelector: req.query.get('labelSelector') ?? undefined,
    fieldSelector: req.query.get('fieldSelector') ?? undefined,
  });
  const affected = [];
  for (const item of list.items) {
    const key = { resource: req.type, namespace: item.metadata.namespace, name: item.metadata.name! };
    try {
      affected.push((await deleteObject(req.ctx, req.type, key, { ...opts, preconditions: undefined })).object);
    } catch (err) {
      // Gone since the list: that is the outcome we wanted.
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
  return { status: 200, body: listBody(req.type, { ...list, items: affected, continue: undefined }) };
}

async function deleteOptions(req: ApiRequest): Promise<DeleteOptions> {
  const text = (await req.readBody()).trim();
  const body = text ? decodeBody(text, req.contentType, { fieldValidation: 'Ignore', warnings: req.warnings, describe: 'DeleteOptions' }) : {};
  if (!body || typeof body !== 'object') throw new BadRequestError('the request body must be a DeleteOptions object');
  const b = body as { gracePeriodSeconds?: unknown; propagationPolicy?: unknown; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: unknown; orphanDependents?: unknown };
  const grace = b.gracePeriodSeconds ?? nonNegativeInt(req.query, 'gracePeriodSeconds');
  if (grace !== undefined && grace !== null && (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0)) {
    throw new BadRequestError('gracePeriodSeconds must be a non-negative integer');
  }
  let policy = b.propagationPolicy ?? req.query.get('propagationPolicy') ?? undefined;
  if (policy === undefined && (b.orphanDependents === true || req.query.get('orphanDependents') === 'true')) policy = 'Orphan';
  if (policy !== undefined && policy !== null && !POLICIES.includes(policy as (typeof POLICIES)[number])) {
    throw new BadRequestError(`propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Background", "Foreground", "Orphan"`);
  }
  const dryRun = isDryRun(req.query) || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  return {
    gracePeriodSeconds: (grace as number | null | undefined) ?? undefined,
    propagationPolicy: (policy as DeleteOptions['propagationPolicy']) ?? undefined,
    preconditions: b.preconditions ?? undefined,
    dryRun,
  };
}
