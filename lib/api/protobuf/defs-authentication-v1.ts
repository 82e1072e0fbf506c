// k8s.io/api/authentication/v1 SelfSubjectReview: `kubectl auth whoami` sends an empty one as
// protobuf. Field numbers are the real API's (types.go protobuf tags, v0.32); notation in
// field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const AUTHENTICATION_V1: MessageDefs = {
  SelfSubjectReview: {
    metadata: '1 ObjectMeta',
    status: '2 SelfSubjectReviewStatus',
  },
  SelfSubjectReviewStatus: {
    userInfo: '1 UserInfo',
  },
  // extra (4, map<string, ExtraValue>) is left out: ExtraValue is a []string in JSON but a
  // message on the wire, which this notation cannot express, and the server ignores a
  // request's status anyway (protobuf skips the unknown field).
  UserInfo: {
    username: '1 string',
    uid: '2 string',
    groups: '3 []string',
  },
};
