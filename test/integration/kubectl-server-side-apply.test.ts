// `kubectl apply --server-side` against skiff: create, re-apply, conflicts with kubectl
// scale and kubectl edit, --force-conflicts, pruning an omitted field, and managedFields as
// `get --show-managed-fields` prints them.
import { describe, expect, it } from 'vitest';
import { kubectlTestCluster } from '../support/kubectl-cluster.ts';

const { k } = kubectlTestCluster();

function deployment(replicas: number, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
`;
}

function configMap(data: Record<string, string>): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n${Object.entries(data).map(([key, v]) => `  ${key}: "${v}"`).join('\n')}\n`;
}

describe('kubectl apply --server-side', () => {
  it('creates, then re-applies', async () => {
    const created = await k.run(['apply', '--server-side', '-f', k.file('web.yaml', deployment(1))]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    const again = await k.run(['apply', '--server-side', '-f', k.file('web.yaml', deployment(1))]);
    expect(again.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    const image = await k.run(['apply', '--server-side', '-f', k.file('web.yaml', deployment(1, 'nginx:1.28'))]);
    expect(image.code).toBe(0);
    const got = await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}']);
    expect(got.stdout).toBe('nginx:1.28 2');
    const dry = await k.run(['apply', '--server-side', '--dry-run=server', '-f', k.file('web2.yaml', deployment(4, 'nginx:1.28'))]);
    expect(dry.stdout.trim()).toBe('deployment.apps/web serverside-applied (server dry run)');
    expect((await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('1');
  });

  it('reports a conflict after kubectl scale, and --force-conflicts takes the field back', async () => {
    const scaled = await k.run(['scale', 'deployment', 'web', '--replicas=3']);
    expect(scaled.stdout.trim()).toBe('deployment.apps/web scaled');
    const conflict = await k.run(['apply', '--server-side', '-f', k.file('web.yaml', deployment(1, 'nginx:1.28'))]);
    expect(conflict.code).not.toBe(0);
    // kubectl scale sends no fieldManager: the manager is the User-Agent's "kubectl", through /scale.
    expect(conflict.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect(conflict.stderr).toContain('--force-conflicts');
    expect((await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('3');

    const forced = await k.run(['apply', '--server-side', '--force-conflicts', '-f', k.file('web.yaml', deployment(1, 'nginx:1.28'))]);
    expect(forced.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    expect((await k.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('1');
  });

  it('reports a conflict after kubectl edit, naming the editor and the field', async () => {
    await k.run(['apply', '--server-side', '--field-manager=config-team', '-f', k.file('cm.yaml', configMap({ color: 'blue', size: 'L' }))]);
    const edited = await k.run(['edit', 'configmap', 'settings'], { env: { KUBE_EDITOR: 'sed -i -e s/blue/green/' } });
    expect(edited.stdout.trim()).toBe('configmap/settings edited');
    const conflict = await k.run(['apply', '--server-side', '--field-manager=config-team', '-f', k.file('cm.yaml', configMap({ color: 'blue', size: 'L' }))]);
    expect(conflict.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.color');
  });

  it('removes a field the applier no longer sets', async () => {
    const applied = await k.run(['apply', '--server-side', '--field-manager=config-team', '--force-conflicts', '-f', k.file('cm.yaml', configMap({ color: 'blue' }))]);
    expect(applied.stdout.trim()).toBe('configmap/settings serverside-applied');
    const data = JSON.parse((await k.run(['get', 'cm', 'settings', '-o', 'jsonpath={.data}'])).stdout);
    expect(data).toEqual({ color: 'blue' });
  });

  it('shows managedFields only with --show-managed-fields', async () => {
    const plain = await k.run(['get', 'deploy', 'web', '-o', 'yaml']);
    expect(plain.stdout).not.toContain('managedFields');
    const shown = await k.run(['get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields']);
    expect(shown.stdout).toContain('managedFields:');
    expect(shown.stdout).toMatch(/- apiVersion: apps\/v1\n\s+fieldsType: FieldsV1\n\s+fieldsV1:\n\s+f:metadata:\n\s+f:labels:\n\s+f:app: \{\}/);
    expect(shown.stdout).toContain('manager: kubectl\n');
    expect(shown.stdout).toContain('operation: Apply');
    expect(shown.stdout).toContain('k:{"containerPort":80,"protocol":"TCP"}:');
    expect(shown.stdout).toMatch(/time: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
  });

  it('takes over from client-side apply without conflicts (kubectl migration)', async () => {
    const csa = await k.run(['apply', '-f', k.file('csa.yaml', configMap({ mode: 'a' }).replace('settings', 'migrated'))]);
    expect(csa.stdout.trim()).toBe('configmap/migrated created');
    const ssa = await k.run(['apply', '--server-side', '-f', k.file('csa.yaml', configMap({ mode: 'b' }).replace('settings', 'migrated'))]);
    expect(ssa.stderr).toBe('');
    expect((await k.run(['get', 'cm', 'migrated', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('b');
  });
});
