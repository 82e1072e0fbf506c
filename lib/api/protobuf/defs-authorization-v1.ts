// k8s.io/api/authorization/v1 self-reviews: `kubectl auth can-i` sends a SelfSubjectAccessReview
// and `kubectl auth can-i --list` a SelfSubjectRulesReview, both as protobuf. Field numbers are
// the real API's (generated.proto, v0.32); notation in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const AUTHORIZATION_V1: MessageDefs = {
  SelfSubjectAccessReview: {
    metadata: '1 ObjectMeta',
    spec: '2 SelfSubjectAccessReviewSpec',
    status: '3 SubjectAccessReviewStatus',
  },
  SelfSubjectAccessReviewSpec: {
    resourceAttributes: '1 *ResourceAttributes',
    nonResourceAttributes: '2 *NonResourceAttributes',
  },
  ResourceAttributes: {
    namespace: '1 string',
    verb: '2 string',
    group: '3 string',
    version: '4 string',
    resource: '5 string',
    subresource: '6 string',
    name: '7 string',
    fieldSelector: '8 *FieldSelectorAttributes',
    labelSelector: '9 *LabelSelectorAttributes',
  },
  NonResourceAttributes: {
    path: '1 string',
    verb: '2 string',
  },
  FieldSelectorAttributes: {
    rawSelector: '1 string',
    requirements: '2 []FieldSelectorRequirement',
  },
  LabelSelectorAttributes: {
    rawSelector: '1 string',
    requirements: '2 []LabelSelectorRequirement',
  },
  // "allowed" has no omitempty, so a request's empty status is {"allowed": false} in JSON too.
  SubjectAccessReviewStatus: {
    allowed: '1 bool!',
    denied: '4 bool',
    reason: '2 string',
    evaluationError: '3 string',
  },

  SelfSubjectRulesReview: {
    metadata: '1 ObjectMeta',
    spec: '2 SelfSubjectRulesReviewSpec',
    status: '3 SubjectRulesReviewStatus',
  },
  SelfSubjectRulesReviewSpec: {
    namespace: '1 string',
  },
  // Nothing here is omitempty except evaluationError, so an empty request status encodes as
  // {"resourceRules": null, "nonResourceRules": null, "incomplete": false}, as Go's JSON does.
  SubjectRulesReviewStatus: {
    resourceRules: '1 []ResourceRule!',
    nonResourceRules: '2 []NonResourceRule!',
    incomplete: '3 bool!',
    evaluationError: '4 string',
  },
  ResourceRule: {
    verbs: '1 []string!',
    apiGroups: '2 []string',
    resources: '3 []string',
    resourceNames: '4 []string',
  },
  NonResourceRule: {
    verbs: '1 []string!',
    nonResourceURLs: '2 []string',
  },
};
