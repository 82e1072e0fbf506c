// Routes a resource request to its verb handler, refusing verbs and subresources the kind
// does not serve, as kube-apiserver does (405 for a verb, 404 for a subresource).
import { MethodNotAllowedError, RouteNotFoundError } from '../../api/errors.ts';
import type { ApiRequest, ApiResponse } from './api-request.ts';
import { handleCreate } from './create.ts';
import { handleDelete, handleDeleteCollection } from './delete.ts';
import { handleGet } from './get.ts';
import { handleList } from './list.ts';
import { handleLog } from './log.ts';
import { handlePatch } from './patch.ts';
import { handleBinding, handleScale } from './subresources.ts';
import { handleUpdate } from './update.ts';
import { handleWatch } from './watch.ts';

export async function dispatch(req: ApiRequest): Promise<ApiResponse> {
  const { info, type } = req;
  if (info.subresource) {
    if (!(type.subresources as readonly string[]).includes(info.subresource) || !info.name) throw new RouteNotFoundError();
    switch (info.subresource) {
      case 'status':
        if (info.verb === 'get') return handleGet(req);
        if (info.verb === 'update') return handleUpdate(req, 'status');
        if (info.verb === 'patch') return handlePatch(req, 'status');
        throw new MethodNotAllowedError(`the status subresource does not support ${info.verb}`);
      case 'scale':
        return handleScale(req);
      case 'binding':
        return handleBinding(req);
      case 'log':
        return handleLog(req);
    }
  }
  if (!(type.verbs as readonly string[]).includes(info.verb)) {
    throw new MethodNotAllowedError(`${info.verb} is not supported on resources of kind "${type.resource}"`);
  }
  switch (info.verb) {
    case 'get':
      return handleGet(req);
    case 'list':
      return handleList(req);
    case 'create':
      if (info.name) throw new MethodNotAllowedError('create is not supported on a named resource; POST to the collection');
      return handleCreate(req);
    case 'update':
      return handleUpdate(req);
    case 'patch':
      return handlePatch(req);
    case 'delete':
      return handleDelete(req);
    case 'deletecollection':
      return handleDeleteCollection(req);
    case 'watch':
      return handleWatch(req);
  }
  throw new RouteNotFoundError();
}
