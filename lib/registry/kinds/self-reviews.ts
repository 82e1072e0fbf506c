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

const CREATE_ONLY = { namespaced: false, verbs: ['create'], subresources: [] } as const;

/** kube echoes the request with its status filled; an empty ObjectMeta encodes as {creationTimestamp: null}. */
export const selfSubjectAccessReviews: ReviewType = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  ...CREATE_ONLY,
  strategy: { modelName: 'V1SelfSubjectAccessReview', nameRule: 'dns1123-subdomain' },
  async review(review, caller) {
    const causes = validateSelfSubjectAccessReview(review as unknown as Record<string, unknown>);
    if (causes.length) throw new InvalidError('SelfSubjectAccessReview', '', causes, 'authorization.k8s.io');
    const decision = await caller.authorizer.authorize(caller.user, accessReviewAttributes(review.spec));
    return { ...review, metadata: { ...review.metadata, creationTimestamp: null }, status: accessReviewStatus(decision) } as unknown as KubeObject;
  },
};

/** kube answers with a fresh object: the spec is not echoed (spec: {}). */
export const selfSubjectRulesReviews: ReviewType = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  ...CREATE_ONLY,
  strategy: { modelName: 'V1SelfSubjectRulesReview', nameRule: 'dns1123-subdomain' },
  async review(review, caller) {
    const namespace = (review.spec as { namespace?: unknown } | undefined)?.namespace;
    if (typeof namespace !== 'string' || namespace === '') throw new BadRequestError('no namespace on request');
    const rules = await caller.authorizer.rulesFor(caller.user, namespace);
    return { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp: null }, spec: {}, status: rulesReviewStatus(rules) } as unknown as KubeObject;
  },
};

/** A fresh object stamped with the time of the request, as kube's REST storage builds it. */
export const selfSubjectReviews: ReviewType = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  resource: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  ...CREATE_ONLY,
  strategy: { modelName: 'V1SelfSubjectReview', nameRule: 'dns1123-subdomain' },
  async review(review, caller) {
    const creationTimestamp = caller.now.toISOString().replace(/\.\d+Z$/, 'Z');
    return { apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp }, status: selfSubjectReviewStatus(caller.user) } as unknown as KubeObject;
  },
};
