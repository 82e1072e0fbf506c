// Review kinds (SelfSubjectAccessReview, SelfSubjectRulesReview, SelfSubjectReview): served
// like any kind in URLs, discovery and OpenAPI, but create-only and never stored — a create
// answers a question about the caller. So they are not among the registry's stored kinds
// (controllers, garbage collection and namespace deletion never see them).
import type { UserInfo } from '../auth/tokens.ts';
import type { Authorizer } from '../auth/authenticator.ts';
import type { KubeObject } from '../storage/object-store.ts';
import type { ResourceType } from './resource-type.ts';

export interface ReviewCaller {
  user: UserInfo;
  authorizer: Authorizer;
  now: Date;
}

export interface ReviewType extends ResourceType {
  /** The answer to a create of `review` (already schema- and type-checked): the body kube returns with 201. */
  review(review: KubeObject, caller: ReviewCaller): Promise<KubeObject>;
}
