import { getObject } from '../../registry/generic/read.ts';
import { includeObjectParam, negotiateTable } from '../table/accept.ts';
import { tableFor } from '../table/table.ts';
import { objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleGet(req: ApiRequest): Promise<ApiResponse> {
  const tableVersion = negotiateTable(req.accept);
  const includeObject = tableVersion ? includeObjectParam(req.query.get('includeObject')) : undefined;
  const obj = await getObject(req.ctx, req.type, objectKey(req));
  if (tableVersion) {
    // A single object's Table carries the object's own revision, as kube-apiserver's does.
    const listMeta = { resourceVersion: obj.metadata.resourceVersion };
    return { status: 200, body: tableFor(req.type, [obj], { now: req.ctx.clock.now(), includeObject, listMeta, apiVersion: tableVersion }) };
  }
  return { status: 200, body: obj };
}
