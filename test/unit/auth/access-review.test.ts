// The self-reviews' pure parts: validation, attributes, and the statuses written back.
import { describe, expect, it } from 'vitest';
import {
  accessReviewAttributes,
  accessReviewStatus,
  rulesReviewStatus,
  selfSubjectReviewStatus,
  validateSelfSubjectAccessReview,
} from '../../../lib/auth/access-review.ts';
import { allowAuthenticated } from '../../../lib/auth/authenticator.ts';
import { ALLOW_ALL_RULES, NO_RULES } from '../../../lib/auth/rules.ts';
import { adminUser, nodeUser } from '../../../lib/auth/tokens.ts';

const ssar = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { creationTimestamp: null }) => ({
  apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata, spec, status: { allowed: false },
});

describe('validateSelfSubjectAccessReview', () => {
  it('accepts exactly one kind of attributes with empty metadata', () => {
    expect(validateSelfSubjectAccessReview(ssar({ resourceAttributes: { verb: 'get', resource: 'pods' } }))).toEqual([]);
    expect(validateSelfSubjectAccessReview(ssar({ nonResourceAttributes: { verb: 'get', path: '/healthz' } }, {}))).toEqual([]);
    expect(validateSelfSubjectAccessReview(ssar({ resourceAttributes: {} }, { name: '', managedFields: [{ manager: 'x' }] }))).toEqual([]);
  });

  it('refuses neither, both, and named metadata with kube\'s messages', () => {
    expect(validateSelfSubjectAccessReview(ssar({}))).toEqual([{
      reason: 'FieldValueInvalid', field: 'spec.resourceAttributes',
      message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    }]);
    expect(validateSelfSubjectAccessReview(ssar({ resourceAttributes: null, nonResourceAttributes: null }))).toHaveLength(1);
    const both = validateSelfSubjectAccessReview(ssar({ resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/x' } }));
    expect(both.map((c) => c.field)).toEqual(['spec.nonResourceAttributes']);
    expect(both[0]!.message).toContain('cannot be specified in combination with resourceAttributes');
    const named = validateSelfSubjectAccessReview(ssar({ resourceAttributes: { verb: 'get' } }, { name: 'mine' }));
    expect(named).toEqual([{ reason: 'FieldValueInvalid', field: 'metadata', message: 'Invalid value: {"name":"mine"}: must be empty' }]);
  });
});

describe('accessReviewAttributes', () => {
  it('maps resource attributes, leaving empty strings out', () => {
    expect(accessReviewAttributes({ resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', subresource: 'log', name: 'web' } }))
      .toEqual({ verb: 'get', group: '', resource: 'pods', namespace: 'default', subresource: 'log', name: 'web' });
    expect(accessReviewAttributes({ resourceAttributes: { verb: '*', group: '*', resource: '*', namespace: '', version: 'v1' } }))
      .toEqual({ verb: '*', group: '*', resource: '*', version: 'v1' });
  });

  it('maps non-resource attributes to a path', () => {
    expect(accessReviewAttributes({ nonResourceAttributes: { path: '/logs', verb: 'post' } })).toEqual({ verb: 'post', path: '/logs' });
  });
});

describe('statuses', () => {
  it('an access review always says allowed; denied and reason only when set', () => {
    expect(accessReviewStatus({ allowed: true, reason: 'ok' })).toEqual({ allowed: true, reason: 'ok' });
    expect(accessReviewStatus({ allowed: false })).toEqual({ allowed: false });
    expect(accessReviewStatus({ allowed: false, denied: true, reason: 'no' })).toEqual({ allowed: false, denied: true, reason: 'no' });
  });

  it('rules keep both lists and incomplete even when empty, and drop empty rule fields', () => {
    expect(rulesReviewStatus(NO_RULES)).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: false });
    expect(rulesReviewStatus({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      incomplete: true,
      evaluationError: 'webhook said nothing',
    })).toEqual({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      incomplete: true,
      evaluationError: 'webhook said nothing',
    });
  });

  it('the identity is the authenticated one', () => {
    expect(selfSubjectReviewStatus(adminUser())).toEqual({ userInfo: { username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] } });
    expect(selfSubjectReviewStatus({ name: 'x', groups: [] })).toEqual({ userInfo: { username: 'x' } });
  });
});

describe('allowAuthenticated rules', () => {
  it('an authenticated user holds cluster-admin\'s * rules; anyone else none', async () => {
    expect(rulesReviewStatus(await allowAuthenticated.rulesFor(nodeUser('n1'), 'default'))).toEqual({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
    expect(await allowAuthenticated.rulesFor({ name: 'system:anonymous', groups: ['system:unauthenticated'] }, 'default')).toBe(NO_RULES);
    expect(await allowAuthenticated.rulesFor(adminUser(), 'kube-system')).toBe(ALLOW_ALL_RULES);
  });

  it('non-resource requests are judged like resource requests', async () => {
    await expect(allowAuthenticated.authorize(adminUser(), { verb: 'get', path: '/healthz' })).resolves.toMatchObject({ allowed: true });
    await expect(allowAuthenticated.authorize({ name: 'a', groups: [] }, { verb: 'get', path: '/healthz' })).resolves.toMatchObject({ allowed: false });
  });
});
