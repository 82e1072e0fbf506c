// `kubectl auth can-i`, `auth can-i --list` and `auth whoami` with the real kubectl over HTTPS,
// compared with what kubectl prints against a real cluster as cluster-admin.
import { describe, expect, it } from 'vitest';
import { kubectlTestCluster } from '../support/kubectl-cluster.ts';

const { k } = kubectlTestCluster();

async function ok(args: string[]): Promise<string> {
  const r = await k.run(args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

/** A kubectl table's rows, cells split on its runs of two or more spaces. */
const rows = (out: string): string[][] => out.trimEnd().split('\n').map((line) => line.trim().split(/\s{2,}/));

describe('kubectl auth', () => {
  it('can-i answers yes for the admin, for resources, wildcards and paths', async () => {
    expect(await ok(['auth', 'can-i', 'create', 'pods'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', '*', '*'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', 'delete', 'deployments.apps', '-n', 'kube-system'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', 'get', 'pods', '--subresource=log'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', 'get', '/healthz'])).toBe('yes\n');
    expect(await ok(['auth', 'can-i', 'list', 'secrets', '-A'])).toBe('yes\n');
  });

  it('can-i --list prints cluster-admin\'s rules', async () => {
    const out = await ok(['auth', 'can-i', '--list']);
    expect(rows(out)).toEqual([
      ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
      ['*.*', '[]', '[]', '[*]'],
      ['[*]', '[]', '[*]'],
    ]);
    expect(out.split('\n')[1]).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/);
  });

  it('whoami prints the admin identity', async () => {
    const out = await ok(['auth', 'whoami']);
    expect(rows(out)).toEqual([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'skiff-admin'],
      ['Groups', '[system:masters system:authenticated]'],
    ]);
    const json = JSON.parse(await ok(['auth', 'whoami', '-o', 'json']));
    expect(json).toMatchObject({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      status: { userInfo: { username: 'skiff-admin', groups: ['system:masters', 'system:authenticated'] } },
    });
  });

  // --validate=false: kubectl finds no PATCH for a create-only kind in OpenAPI, so it asks
  // whether it is a CRD, and skiff serves no apiextensions.k8s.io (a real cluster lists none).
  it('a SelfSubjectAccessReview created from a file comes back with its status', async () => {
    const ssar = k.file('ssar.yaml', 'apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\nspec:\n  resourceAttributes: {verb: list, resource: nodes}\n');
    const out = JSON.parse(await ok(['create', '--validate=false', '-f', ssar, '-o', 'json']));
    expect(out.status).toEqual({ allowed: true, reason: 'skiff allows all authenticated users' });
    const bad = await k.run(['create', '--validate=false', '-f', k.file('bad.yaml', 'apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\nspec: {}\n')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('exactly one of nonResourceAttributes or resourceAttributes must be specified');
  });
});

describe('discovery of the auth groups', () => {
  it('api-versions lists both groups', async () => {
    const versions = (await ok(['api-versions'])).trim().split('\n');
    expect(versions).toEqual(expect.arrayContaining(['authentication.k8s.io/v1', 'authorization.k8s.io/v1']));
  });

  it('api-resources lists the review kinds as create-only and cluster-scoped', async () => {
    const out = await ok(['api-resources', '--api-group=authorization.k8s.io', '-o', 'wide']);
    expect(rows(out)).toEqual([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES'],
      ['selfsubjectaccessreviews', 'authorization.k8s.io/v1', 'false', 'SelfSubjectAccessReview', 'create'],
      ['selfsubjectrulesreviews', 'authorization.k8s.io/v1', 'false', 'SelfSubjectRulesReview', 'create'],
    ]);
    expect(await ok(['api-resources', '--api-group=authentication.k8s.io', '-o', 'name'])).toBe('selfsubjectreviews.authentication.k8s.io\n');
  });

  it('explain reads the review kinds from OpenAPI', async () => {
    const out = await ok(['explain', 'selfsubjectaccessreview.spec.resourceAttributes']);
    expect(out).toContain('GROUP:      authorization.k8s.io');
    expect(out).toContain('verb\t<string>');
  });
});
