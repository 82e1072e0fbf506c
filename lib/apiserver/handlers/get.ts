import { getObject } from '../../registry/generic/read.ts';
import { objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleGet(req: ApiRequest): Promise<ApiResponse> {
  return { status: 200, body: await getObject(req.ctx, req.type, objectKey(req)) };
}
