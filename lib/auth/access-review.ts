// The self-reviews' pure parts: what a SelfSubjectAccessReview asks (its spec as authorizer
// attributes, after kube's validation), and how decisions, rules and identities are written
// back into the status of SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview.
import type { StatusCause } from '../api/errors.ts';
import type { AuthorizationAttributes, AuthorizationDecision } from './authenticator.ts';
import type { RulesForUser } from './rules.ts';
import type { UserInfo } from './tokens.ts';

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * kube's ValidateSelfSubjectAccessReview: exactly one of resourceAttributes and
 * nonResourceAttributes, and metadata empty (managedFields aside). A JSON null counts as absent,
 * as it does for Go's pointers; so does every zero value in metadata.
 */
export function validateSelfSubjectAccessReview(review: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = object(review.spec) ?? {};
  const resource = object(spec.resourceAttributes);
  const nonResource = object(spec.nonResourceAttributes);
  if (resource && nonResource) {
    causes.push({ reason: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', message: `Invalid value: ${goValue(nonResource)}: cannot be specified in combination with resourceAttributes` });
  }
  if (!resource && !nonResource) {
    causes.push({ reason: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' });
  }
  const metadata = object(review.metadata) ?? {};
  const set = Object.entries(metadata).filter(([k, v]) => k !== 'managedFields' && !isZero(v));
  if (set.length) {
    causes.push({ reason: 'FieldValueInvalid', field: 'metadata', message: `Invalid value: ${JSON.stringify(Object.fromEntries(set))}: must be empty` });
  }
  return causes;
}

function isZero(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A Go-ish rendering of the offending attributes for the error text (kube prints a %#v). */
function goValue(attrs: Json): string {
  return `NonResourceAttributes{Path:${JSON.stringify(text(attrs.path))}, Verb:${JSON.stringify(text(attrs.verb))}}`;
}

/** The attributes the authorizer judges (kube's ResourceAttributesFrom / NonResourceAttributesFrom). Validate first. */
export function accessReviewAttributes(spec: unknown): AuthorizationAttributes {
  const s = object(spec) ?? {};
  const resource = object(s.resourceAttributes);
  if (resource) {
    const attrs: AuthorizationAttributes = { verb: text(resource.verb), group: text(resource.group), resource: text(resource.resource) };
    if (text(resource.namespace)) attrs.namespace = text(resource.namespace);
    if (text(resource.name)) attrs.name = text(resource.name);
    if (text(resource.subresource)) attrs.subresource = text(resource.subresource);
    if (text(resource.version)) attrs.version = text(resource.version);
    return attrs;
  }
  const nonResource = object(s.nonResourceAttributes) ?? {};
  return { verb: text(nonResource.verb), path: text(nonResource.path) };
}

/** SubjectAccessReviewStatus: `allowed` always (no omitempty), the rest only when set. */
export function accessReviewStatus(decision: AuthorizationDecision): Json {
  const status: Json = { allowed: decision.allowed };
  if (decision.denied && !decision.allowed) status.denied = true;
  if (decision.reason) status.reason = decision.reason;
  return status;
}

/** SubjectRulesReviewStatus: both lists and `incomplete` always present, as Go encodes them. */
export function rulesReviewStatus(rules: RulesForUser): Json {
  const status: Json = {
    resourceRules: rules.resourceRules.map((r) => {
      const rule: Json = { verbs: [...r.verbs] };
      if (r.apiGroups?.length) rule.apiGroups = [...r.apiGroups];
      if (r.resources?.length) rule.resources = [...r.resources];
      if (r.resourceNames?.length) rule.resourceNames = [...r.resourceNames];
      return rule;
    }),
    nonResourceRules: rules.nonResourceRules.map((r) => {
      const rule: Json = { verbs: [...r.verbs] };
      if (r.nonResourceURLs?.length) rule.nonResourceURLs = [...r.nonResourceURLs];
      return rule;
    }),
    incomplete: rules.incomplete,
  };
  if (rules.evaluationError) status.evaluationError = rules.evaluationError;
  return status;
}

/** SelfSubjectReviewStatus: the caller's identity as authentication left it (every field omitempty). */
export function selfSubjectReviewStatus(user: UserInfo): Json {
  const userInfo: Json = {};
  if (user.name) userInfo.username = user.name;
  if (user.groups.length) userInfo.groups = [...user.groups];
  return { userInfo };
}
