// authorization.k8s.io/v1 SelfSubjectAccessReview and SelfSubjectRulesReview, and
// authentication.k8s.io/v1 SelfSubjectReview: what `kubectl auth can-i [--list]` and
// `kubectl auth whoami` create. The decisions are the authorizer's and the pure functions'
// in lib/auth/access-review.ts; this file only shapes the replies as kube's REST storage does.
import { BadRequestError, InvalidError } from '../../api/errors.ts';
import {
  accessReviewAttributes,
  accessReviewStatus,
  rulesReviewStatus,
  selfSubjectReviewStatus,
  validateSelfSubjectAccessReview,
} from '../../auth/access-review.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { ReviewType } from '../review-type.ts';

/**
 * A create-only, cluster-scoped review kind: its names follow from the kind
 * (SelfSubjectReview → selfsubjectreviews), as for every kind kube serves here.
 */
function reviewKind(group: string, kind: string, review: ReviewType['review']): ReviewType {
  const singular = kind.toLowerCase();
  return {
    group, version: 'v1', kind, resource: `${singular}s`, singular,
    namespaced: false, verbs: ['create'], subresources: [],
    strategy: { modelName: `V1${kind}`, nameRule: 'dns1123-subdomain' },
    review,
  };
}

/** kube echoes the request with its status filled; an empty ObjectMeta encodes as {creationTimestamp: null}. */
export const selfSubjectAccessReviews = reviewKind('authorization.k8s.io', 'SelfSubjectAccessReview', async (review, caller) => {
  const causes = validateSelfSubjectAccessReview(review as unknown as Record<string, unknown>);
  if (causes.length) throw new InvalidError('SelfSubjectAccessReview', '', causes, 'authorization.k8s.io');
  const decision = await caller.authorizer.authorize(caller.user, accessReviewAttributes(review.spec));
  return { ...review, metadata: { ...review.metadata, creationTimestamp: null }, status: accessReviewStatus(decision) } as unknown as KubeObject;
});

/** kube answers with a fresh object: the spec is not echoed (spec: {}). */
export const selfSubjectRulesReviews = reviewKind('authorization.k8s.io', 'SelfSubjectRulesReview', async (review, caller) => {
  const namespace = (review.spec as { namespace?: unknown } | undefined)?.namespace;
  if (typeof namespace !== 'string' || namespace === '') throw new BadRequestError('no namespace on request');
  const rules = await caller.authorizer.rulesFor(caller.user, namespace);
  return { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp: null }, spec: {}, status: rulesReviewStatus(rules) } as unknown as KubeObject;
});

/** A fresh object stamped with the time of the request, as kube's REST storage builds it. */
export const selfSubjectReviews = reviewKind('authentication.k8s.io', 'SelfSubjectReview', async (review, caller) => {
  const creationTimestamp = caller.now.toISOString().replace(/\.\d+Z$/, 'Z');
  return { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp }, status: selfSubjectReviewStatus(caller.user) } as unknown as KubeObject;
});
