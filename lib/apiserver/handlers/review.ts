// POST to a review kind's collection (lib/registry/review-type.ts): decoded and checked like any
// create, then answered by the kind from the caller's identity and the authorizer. Nothing is
// stored, so ?dryRun changes nothing. Like kube, only the collection exists: a named path or a
// subresource is 404, any other verb 405.
import { MethodNotAllowedError, RouteNotFoundError } from '../../api/errors.ts';
import type { Authorizer } from '../../auth/authenticator.ts';
import { checkSchema, checkTypeMeta } from '../../registry/generic/object-checks.ts';
import type { ReviewType } from '../../registry/review-type.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { fieldValidation, isDryRun, readJsonObject, type ApiRequest, type ApiResponse } from './api-request.ts';

export async function handleReview(req: ApiRequest, review: ReviewType, authorizer: Authorizer): Promise<ApiResponse> {
  const { info } = req;
  if (info.name || info.subresource) throw new RouteNotFoundError();
  if (info.verb !== 'create') throw new MethodNotAllowedError(`${info.verb} is not supported on resources of kind "${review.resource}"`);
  isDryRun(req.query);
  const body = await readJsonObject(req);
  checkSchema(review, body, { fieldValidation: fieldValidation(req.query), warnings: req.warnings });
  const obj = checkTypeMeta(review, body as unknown as KubeObject);
  const answer = await review.review(obj, { user: req.user, authorizer, now: req.ctx.clock.now() });
  return { status: 201, body: answer };
}
