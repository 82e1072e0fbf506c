import { listBody, listObjects } from '../../registry/generic/read.ts';
import { includeObjectParam, negotiateTable } from '../table/accept.ts';
import { tableFor } from '../table/table.ts';
import { nonNegativeInt, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleList(req: ApiRequest): Promise<ApiResponse> {
  // kubectl get asks for a Table; decide (and reject a bad includeObject) before reading.
  const tableVersion = negotiateTable(req.accept);
  const includeObject = tableVersion ? includeObjectParam(req.query.get('includeObject')) : undefined;
  const result = await listObjects(req.ctx, req.type, {
    namespace: req.info.namespace,
    labelSelector: req.query.get('labelSelector') ?? undefined,
    fieldSelector: req.query.get('fieldSelector') ?? undefined,
    limit: nonNegativeInt(req.query, 'limit'),
    continue: req.query.get('continue') || undefined,
  });
  if (tableVersion) {
    const listMeta = { resourceVersion: result.resourceVersion, continue: result.continue };
    return { status: 200, body: tableFor(req.type, result.items, { now: req.ctx.clock.now(), includeObject, listMeta, apiVersion: tableVersion }) };
  }
  return { status: 200, body: listBody(req.type, result) };
}
