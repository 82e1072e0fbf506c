// The real kubectl reading skiff's OpenAPI: `explain` from v3 and (as protobuf) from v2 prints
// kube's own descriptions, and `apply` computes strategic merge patches from v3 without a
// warning on stderr.
import { describe, expect, it } from 'vitest';
import { loadOrCreatePki } from '../../local/pki.ts';
import { startHttpsProxy } from '../support/https-proxy.ts';
import { kubectlRunner } from '../support/kubectl.ts';
import { kubectlTestCluster } from '../support/kubectl-cluster.ts';

const { k, cluster } = kubectlTestCluster();

/** kubectl wraps descriptions at 80 columns: compare with whitespace collapsed. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

async function ok(args: string[]): Promise<string> {
  const r = await k.run(args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

const deployment = (image: string, env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: a
        image: ${image}
        env: [${env}]
        ports: [{containerPort: 80}]
`;

describe('kubectl explain and apply over skiff’s OpenAPI', () => {
  it('explains pod.spec.containers with descriptions, required fields and enums', async () => {
    const out = await ok(['explain', 'pod.spec.containers']);
    expect(out).toContain('FIELD: containers <[]Container>');
    expect(flat(out)).toContain('List of containers belonging to the pod. Containers cannot currently be added or removed.');
    expect(out).toContain('A single application container that you want to run within a pod.');
    expect(out).toContain('name\t<string> -required-');
    expect(out).toContain('imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never');
    expect(flat(out)).toContain('Image pull policy. One of Always, Never, IfNotPresent.');
    expect(out).toContain('env\t<[]EnvVar>');
  });

  it('explains deployment.spec.strategy and svc', async () => {
    const strategy = await ok(['explain', 'deployment.spec.strategy']);
    expect(strategy).toContain('DeploymentStrategy describes how to replace existing pods with new ones.');
    expect(strategy).toContain('enum: Recreate, RollingUpdate');
    const svc = flat(await ok(['explain', 'svc']));
    expect(svc).toContain('Service is a named abstraction of software service (for example, mysql)');
    expect(svc).toContain('spec <ServiceSpec> Spec defines the behavior of a service.');
  });

  it('explains deployment.spec --recursive', async () => {
    const out = await ok(['explain', 'deployment.spec', '--recursive']);
    expect(out).toContain('DeploymentSpec is the specification of the desired behavior of the');
    expect(out).toContain('  selector\t<LabelSelector> -required-\n');
    expect(out).toContain('  strategy\t<DeploymentStrategy>\n    rollingUpdate\t<RollingUpdateDeployment>\n      maxSurge\t<IntOrString>\n');
    expect(out).toContain('\n      containers\t<[]Container> -required-\n        args\t<[]string>\n');
  });

  it('explains from /openapi/v2, which client-go fetches as gnostic protobuf', async () => {
    const out = flat(await ok(['explain', '--output', 'plaintext-openapiv2', 'pod.spec.containers']));
    expect(out).toContain('RESOURCE: containers <[]Object>');
    expect(out).toContain('A single application container that you want to run within a pod.');
    expect(out).toContain('name <string> -required- Name of the container specified as a DNS_LABEL.');
    const raw = JSON.parse(await ok(['get', '--raw', '/openapi/v2']));
    expect(raw.swagger).toBe('2.0');
    expect(raw.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
  });

  it('applies, re-applies with a changed list and re-applies unchanged, with nothing on stderr', async () => {
    const path = k.file('web.yaml', deployment('nginx:1', '{name: E1, value: "1"}, {name: E2, value: "2"}'));
    expect((await ok(['apply', '-f', path])).trim()).toBe('deployment.apps/web created');
    k.file('web.yaml', deployment('nginx:2', '{name: E2, value: "2"}, {name: E3, value: "3"}'));
    expect((await ok(['apply', '-f', path])).trim()).toBe('deployment.apps/web configured');
    expect((await ok(['apply', '-f', path])).trim()).toBe('deployment.apps/web unchanged');
    const live = JSON.parse(await ok(['get', 'deployment', 'web', '-n', 'default', '-o', 'json']));
    expect(live.spec.template.spec.containers).toMatchObject([{ name: 'a', image: 'nginx:2', env: [{ name: 'E2', value: '2' }, { name: 'E3', value: '3' }] }]);
  });

  it('falls back to /openapi/v2 (protobuf) when v3 is missing, and still merges lists by key', async () => {
    const pki = await loadOrCreatePki(cluster().home);
    const proxy = await startHttpsProxy({
      target: cluster().url, kubeconfigPath: cluster().kubeconfigPath, cert: pki.serverCertPem, key: pki.serverKeyPem,
      refuse: (url) => url.startsWith('/openapi/v3'),
    });
    try {
      const v2 = kubectlRunner(proxy.kubeconfigPath);
      const path = v2.file('web.yaml', deployment('nginx:3', '{name: E3, value: "3"}, {name: E4, value: "4"}'));
      const r = await v2.run(['apply', '-f', path]);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('deployment.apps/web configured');
      expect(proxy.requests).toContainEqual(expect.objectContaining({ url: expect.stringMatching(/^\/openapi\/v2/), accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' }));
      expect(proxy.requests).toContainEqual(expect.objectContaining({ method: 'PATCH', contentType: 'application/strategic-merge-patch+json' }));
      const live = JSON.parse(await ok(['get', 'deployment', 'web', '-n', 'default', '-o', 'json']));
      expect(live.spec.template.spec.containers[0].env).toEqual([{ name: 'E3', value: '3' }, { name: 'E4', value: '4' }]);
    } finally {
      await proxy.stop();
    }
  });
});
