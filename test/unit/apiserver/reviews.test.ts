// The self-review kinds through the Hono app: answered from the caller and the authorizer,
// never stored, announced in discovery and OpenAPI like kube-apiserver announces them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApiServer } from '../../../lib/apiserver/app.ts';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE } from '../../../lib/apiserver/discovery/aggregated.ts';
import { allowAuthenticated, type Authenticator, type Authorizer } from '../../../lib/auth/authenticator.ts';
import { NO_RULES } from '../../../lib/auth/rules.ts';
import type { UserInfo } from '../../../lib/auth/tokens.ts';
import { envelope } from '../protobuf/wire.ts';
import { testApi } from '../../support/test-api.ts';

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
const PROTOBUF = 'application/vnd.kubernetes.protobuf';

const fixture = (name: string) =>
  new Uint8Array(Buffer.from(readFileSync(new URL(`../protobuf/fixtures/${name}.pb.b64`, import.meta.url), 'utf8'), 'base64'));

const ssar = (spec: Record<string, unknown>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });

/** An app whose caller is `user` and whose authorizer is `authorizer`, on the in-memory store. */
async function appFor(user: UserInfo, authorizer: Authorizer) {
  const { ctx } = await testApi();
  const authenticator: Authenticator = { authenticate: async () => user };
  const app = createApiServer({ ctx, authenticator, authorizer });
  return async (method: string, path: string, body?: string | Uint8Array, contentType = 'application/json') => {
    const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body).buffer;
    const res = await app.request(`http://skiff.test${path}`, { method, body: payload, headers: body === undefined ? {} : { 'content-type': contentType } });
    return { status: res.status, body: await res.json() };
  };
}

// Allows reads and the self-reviews themselves (kube's system:basic-user does the latter),
// denies deletes outright, has no opinion on the rest; lists one rule.
const readOnly: Authorizer = {
  async authorize(_user, attrs) {
    if ('resource' in attrs && attrs.verb === 'create' && attrs.resource.startsWith('selfsubject')) return { allowed: true };
    if (['get', 'list', 'watch'].includes(attrs.verb)) return { allowed: true, reason: 'reads are fine' };
    if (attrs.verb === 'delete') return { allowed: false, denied: true, reason: 'never delete' };
    return { allowed: false };
  },
  async rulesFor(_user, namespace) {
    return { resourceRules: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'], resourceNames: [namespace] }], nonResourceRules: [], incomplete: true, evaluationError: 'partial' };
  },
};
const alice: UserInfo = { name: 'alice', groups: ['dev', 'system:authenticated'] };

describe('SelfSubjectAccessReview', () => {
  it('answers from the authorizer and echoes the request, 201', async () => {
    const api = await testApi();
    const res = await api.call('POST', SSAR, ssar({ resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
      status: { allowed: true, reason: 'skiff allows all authenticated users' },
    });
  });

  it('reports allow, deny and no opinion as kube does, for resource and non-resource requests', async () => {
    const call = await appFor(alice, readOnly);
    const ask = async (spec: Record<string, unknown>) => (await call('POST', SSAR, JSON.stringify(ssar(spec)))).body.status;
    expect(await ask({ resourceAttributes: { verb: 'list', resource: 'pods' } })).toEqual({ allowed: true, reason: 'reads are fine' });
    expect(await ask({ resourceAttributes: { verb: 'delete', group: 'apps', resource: 'deployments', name: 'web' } })).toEqual({ allowed: false, denied: true, reason: 'never delete' });
    expect(await ask({ resourceAttributes: { verb: 'create', resource: 'pods' } })).toEqual({ allowed: false });
    expect(await ask({ nonResourceAttributes: { verb: 'get', path: '/healthz' } })).toEqual({ allowed: true, reason: 'reads are fine' });
  });

  it('takes kubectl\'s protobuf body', async () => {
    const call = await appFor(alice, allowAuthenticated);
    const res = await call('POST', SSAR, fixture('ssar-subresource-name'), PROTOBUF);
    expect(res.status).toBe(201);
    expect(res.body.spec).toEqual({ resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', subresource: 'log', name: 'mypod' } });
    expect(res.body.status.allowed).toBe(true);
  });

  it('refuses a review without attributes with kube\'s 422', async () => {
    const api = await testApi();
    const res = await api.call('POST', SSAR, ssar({}));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  });

  it('serves only create on the collection, and is not stored', async () => {
    const api = await testApi();
    expect((await api.call('GET', SSAR)).status).toBe(405);
    expect((await api.call('POST', `${SSAR}/mine`, ssar({ resourceAttributes: { verb: 'get' } }))).status).toBe(404);
    expect((await api.call('POST', `/apis/authorization.k8s.io/v1/namespaces/default/selfsubjectaccessreviews`, ssar({ resourceAttributes: { verb: 'get' } }))).status).toBe(404);
    expect((await api.call('POST', SSAR, { ...ssar({ resourceAttributes: { verb: 'get' } }), kind: 'Pod' })).status).toBe(400);
    expect(api.ctx.registry.all().map((t) => t.resource)).not.toContain('selfsubjectaccessreviews');
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists cluster-admin\'s * rules for an allow-all authorizer, spec not echoed', async () => {
    const api = await testApi();
    const res = await api.call('POST', SSRR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      metadata: { creationTimestamp: null },
      spec: {},
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      },
    });
  });

  it('asks the authorizer for the namespace of the spec (kubectl\'s protobuf body)', async () => {
    const call = await appFor(alice, readOnly);
    const res = await call('POST', SSRR, fixture('ssrr-list-ns'), PROTOBUF);
    expect(res.status).toBe(201);
    expect(res.body.status.resourceRules[0].verbs).toEqual(['get', 'list', 'watch']);
    expect(res.body.status).toMatchObject({ nonResourceRules: [], incomplete: true, evaluationError: 'partial' });
  });

  it('needs a namespace', async () => {
    const call = await appFor(alice, { ...readOnly, rulesFor: async () => NO_RULES });
    const res = await call('POST', SSRR, JSON.stringify({ spec: {} }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('no namespace on request');
  });
});

describe('SelfSubjectReview', () => {
  it('returns the authenticated identity for kubectl auth whoami\'s empty protobuf body', async () => {
    const call = await appFor(alice, allowAuthenticated);
    const res = await call('POST', SSR, envelope('authentication.k8s.io/v1', 'SelfSubjectReview', new Uint8Array(0)), PROTOBUF);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      status: { userInfo: { username: 'alice', groups: ['dev', 'system:authenticated'] } },
    });
    expect(res.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('is the admin for the admin token', async () => {
    const api = await testApi();
    const res = await api.call('POST', SSR, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(res.body.status.userInfo).toEqual({ username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] });
  });
});

describe('discovery and OpenAPI', () => {
  it('lists both groups and the review kinds as kube-apiserver does', async () => {
    const api = await testApi();
    const groups = (await api.call('GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['authentication.k8s.io', 'authorization.k8s.io']));
    expect((await api.call('GET', '/apis/authentication.k8s.io/v1')).body.resources).toEqual([
      { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
    ]);
    expect((await api.call('GET', '/apis/authorization.k8s.io/v1')).body.resources).toEqual([
      { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
      { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] },
    ]);
    const aggregated = await api.call('GET', '/apis', undefined, { accept: AGGREGATED_DISCOVERY_CONTENT_TYPE });
    const authz = aggregated.body.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'authorization.k8s.io');
    expect(authz.versions[0].resources[0]).toEqual({
      resource: 'selfsubjectaccessreviews',
      responseKind: { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview' },
      scope: 'Cluster',
      singularResource: 'selfsubjectaccessreview',
      verbs: ['create'],
    });
  });

  it('publishes an OpenAPI v3 document per group with the create operation', async () => {
    const api = await testApi();
    const root = (await api.call('GET', '/openapi/v3')).body.paths;
    expect(Object.keys(root)).toEqual(expect.arrayContaining(['apis/authentication.k8s.io/v1', 'apis/authorization.k8s.io/v1']));
    const doc = (await api.call('GET', root['apis/authorization.k8s.io/v1'].serverRelativeURL)).body;
    const post = doc.paths[SSAR].post;
    expect(post.operationId).toBe('createAuthorizationV1SelfSubjectAccessReview');
    expect(post['x-kubernetes-group-version-kind']).toEqual({ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview' });
    expect(Object.keys(doc.paths[SSAR])).toEqual(['post', 'parameters']);
    const schema = doc.components.schemas['io.k8s.api.authorization.v1.SelfSubjectAccessReview'];
    expect(schema.required).toEqual(['spec']);
    expect(doc.components.schemas['io.k8s.api.authorization.v1.ResourceAttributes'].properties.verb.type).toBe('string');
    const authn = (await api.call('GET', root['apis/authentication.k8s.io/v1'].serverRelativeURL)).body;
    expect(authn.components.schemas['io.k8s.api.authentication.v1.UserInfo'].properties.groups).toMatchObject({ type: 'array' });
  });
});
