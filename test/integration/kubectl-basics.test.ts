// The real kubectl against a real apiserver over HTTPS on DynamoDB Local: what a user
// types, and what kubectl prints back.
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { kubectlTestCluster } from '../support/kubectl-cluster.ts';

const { k, cluster } = kubectlTestCluster();

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
`;
const CMS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: team-a
  labels: {env: dev, tier: web}
data:
  color: blue
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  namespace: team-a
  labels: {env: prod}
data:
  color: red
`;

describe('kubectl against skiff', () => {
  it('creates a namespace and configmaps from files', async () => {
    const ns = await k.run(['create', '-f', k.file('ns.yaml', NS)]);
    expect(ns.stderr).toBe('');
    expect(ns.stdout.trim()).toBe('namespace/team-a created');
    const cms = await k.run(['create', '-f', k.file('cms.yaml', CMS)]);
    expect(cms.stdout.trim().split('\n')).toEqual(['configmap/settings created', 'configmap/other created']);
  });

  it('gets objects as yaml, json, jsonpath and name', async () => {
    const yaml = await k.run(['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'yaml']);
    expect(yaml.stdout).toContain('color: blue');
    expect(yaml.stdout).toMatch(/resourceVersion: "\d+"/);
    const json = JSON.parse((await k.run(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'json'])).stdout);
    expect(json).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { color: 'blue' } });
    const jp = await k.run(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.data.color}']);
    expect(jp.stdout).toBe('blue');
    const names = await k.run(['get', 'configmaps', '-n', 'team-a', '-o', 'name']);
    expect(names.stdout.trim().split('\n')).toEqual(['configmap/other', 'configmap/settings']);
  });

  it('filters with equality and set-based label selectors', async () => {
    const inSet = await k.run(['get', 'cm', '-n', 'team-a', '-l', 'env in (dev,staging)', '-o', 'name']);
    expect(inSet.stdout.trim()).toBe('configmap/settings');
    const notIn = await k.run(['get', 'cm', '-n', 'team-a', '-l', 'env notin (dev),!tier', '-o', 'name']);
    expect(notIn.stdout.trim()).toBe('configmap/other');
    const eq = await k.run(['get', 'cm', '-n', 'team-a', '-l', 'tier=web', '-o', 'name']);
    expect(eq.stdout.trim()).toBe('configmap/settings');
  });

  it('labels (add, overwrite, remove) and annotates', async () => {
    expect((await k.run(['label', 'cm', 'settings', '-n', 'team-a', 'owner=alice'])).stdout.trim()).toBe('configmap/settings labeled');
    const clash = await k.run(['label', 'cm', 'settings', '-n', 'team-a', 'owner=bob']);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain("'owner' already has a value (alice), and --overwrite is false");
    expect((await k.run(['label', 'cm', 'settings', '-n', 'team-a', 'owner=bob', '--overwrite'])).code).toBe(0);
    expect((await k.run(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.metadata.labels.owner}'])).stdout).toBe('bob');
    expect((await k.run(['label', 'cm', 'settings', '-n', 'team-a', 'owner-'])).stdout.trim()).toBe('configmap/settings unlabeled');
    const labels = JSON.parse((await k.run(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.metadata.labels}'])).stdout);
    expect(labels).toEqual({ env: 'dev', tier: 'web' });
    expect((await k.run(['annotate', 'cm', 'settings', '-n', 'team-a', 'note=hello world'])).stdout.trim()).toBe('configmap/settings annotated');
    expect((await k.run(['get', 'cm', 'settings', '-n', 'team-a', '-o', 'jsonpath={.metadata.annotations.note}'])).stdout).toBe('hello world');
  });

  it('prints NotFound for a missing object', async () => {
    const res = await k.run(['get', 'cm', 'missing', '-n', 'team-a']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('Error from server (NotFound): configmaps "missing" not found');
  });

  it('prints Invalid for a bad name and writes nothing', async () => {
    const res = await k.run(['create', '-f', k.file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: team-a\n')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
  });

  it('rejects an unknown field with a strict decoding error and writes nothing', async () => {
    const path = k.file('unknown.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: team-a\ndata:\n  a: b\nspec:\n  foo: 1\n');
    const res = await k.run(['create', '-f', path]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Error from server (BadRequest): error when creating');
    expect(res.stderr).toContain('strict decoding error: unknown field "spec"');
    expect((await k.run(['get', 'cm', 'typo', '-n', 'team-a'])).stderr).toContain('NotFound');
  });

  it('says "No resources found" for an empty namespace', async () => {
    const created = await k.run(['create', '-f', k.file('empty-ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty-ns}\n')]);
    expect(created.stdout.trim()).toBe('namespace/empty-ns created');
    const res = await k.run(['get', 'pods', '-n', 'empty-ns']);
    expect(res.code).toBe(0);
    expect(res.stderr.trim()).toBe('No resources found in empty-ns namespace.');
  });

  it('creates objects with the generators that send protobuf bodies', async () => {
    const made = [
      await k.run(['create', 'namespace', 'proto-ns']),
      await k.run(['create', 'configmap', 'pcm', '-n', 'proto-ns', '--from-literal=a=b']),
      await k.run(['create', 'secret', 'generic', 'psec', '-n', 'proto-ns', '--from-literal=p=q']),
      await k.run(['create', 'deployment', 'pdep', '-n', 'proto-ns', '--image=nginx:1.25', '--replicas=3', '--port=80']),
      await k.run(['create', 'service', 'clusterip', 'psvc', '-n', 'proto-ns', '--tcp=80:8080']),
      await k.run(['create', 'serviceaccount', 'psa', '-n', 'proto-ns']),
    ];
    expect(made.map((r) => r.stderr)).toEqual(['', '', '', '', '', '']);
    expect(made.map((r) => r.stdout.trim())).toEqual([
      'namespace/proto-ns created', 'configmap/pcm created', 'secret/psec created',
      'deployment.apps/pdep created', 'service/psvc created', 'serviceaccount/psa created',
    ]);
    expect((await k.run(['get', 'secret', 'psec', '-n', 'proto-ns', '-o', 'jsonpath={.data.p}'])).stdout).toBe(Buffer.from('q').toString('base64'));
    expect((await k.run(['get', 'deploy', 'pdep', '-n', 'proto-ns', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}'])).stdout).toBe('3 80');
    const dry = await k.run(['create', 'deployment', 'ghost', '-n', 'proto-ns', '--image=nginx', '--dry-run=server', '-o', 'yaml']);
    expect(dry.stdout).toContain('name: ghost');
    expect(dry.stdout).toContain('imagePullPolicy: Always');
    expect((await k.run(['get', 'deploy', 'ghost', '-n', 'proto-ns'])).stderr).toContain('NotFound');
  });

  it('deletes', async () => {
    const res = await k.run(['delete', 'cm', 'other', '-n', 'team-a']);
    expect(res.stdout.trim()).toBe('configmap "other" deleted');
    expect((await k.run(['get', 'cm', '-n', 'team-a', '-o', 'name'])).stdout.trim()).toBe('configmap/settings');
  });

  it('is refused with a forged token, and a request without one gets a 401 Status', async () => {
    const forged = readFileSync(cluster().kubeconfigPath, 'utf8').replace(/token: .*/, `token: skiff.00000000.${'A'.repeat(43)}`);
    const path = `${k.home}/forged.kubeconfig`;
    writeFileSync(path, forged);
    const res = await k.run(['--kubeconfig', path, 'get', 'cm', '-n', 'team-a']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error: You must be logged in to the server (Unauthorized)');

    const bare = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${cluster().url}/api/v1/namespaces/team-a/configmaps`, { ca: cluster().caCertPem }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d.toString()));
        r.on('end', () => resolve({ status: r.statusCode, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(bare.status).toBe(401);
    expect(JSON.parse(bare.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });
});
