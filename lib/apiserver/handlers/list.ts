import { listBody, listObjects } from '../../registry/generic/read.ts';
import { nonNegativeInt, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleList(req: ApiRequest): Promise<ApiResponse> {
  const result = await listObjects(req.ctx, req.type, {
    namespace: req.info.namespace,
    labelSelector: req.query.get('labelSelector') ?? undefined,
    fieldSelector: req.query.get('fieldSelector') ?? undefined,
    limit: nonNegativeInt(req.query, 'limit'),
    continue: req.query.get('continue') || undefined,
  });
  return { status: 200, body: listBody(req.type, result) };
}
