// Server-side apply on the real `skiff up` with its controllers running: the Deployment and
// ReplicaSet controllers keep writing to the applied object (status, revision annotation),
// and none of that may turn the next apply into a conflict; `kubectl diff --server-side`
// previews an apply through the same dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.stop();
});

const run = (...args: string[]) => e.k.run(args);
const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: app, image: "${image}"}]
`;

describe('kubectl apply --server-side on skiff up', () => {
  it('rolls out, previews with diff, and re-applies without conflicts with the controllers', async () => {
    const created = await run('apply', '--server-side', '-f', e.k.file('api.yaml', manifest('nginx:1.25')));
    expect(created.stdout.trim()).toBe('deployment.apps/api serverside-applied');
    const rolled = await run('rollout', 'status', 'deploy/api', '--timeout=90s');
    expect(rolled.stdout.trim().split('\n').at(-1)).toBe('deployment "api" successfully rolled out');

    const diff = await run('diff', '--server-side', '-f', e.k.file('api.yaml', manifest('nginx:1.26')));
    expect(diff.code).toBe(1); // kubectl diff exits 1 when there are differences
    expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.25$/m);
    expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.26$/m);

    const updated = await run('apply', '--server-side', '-f', e.k.file('api.yaml', manifest('nginx:1.26')));
    expect(updated.stderr).toBe('');
    expect(updated.stdout.trim()).toBe('deployment.apps/api serverside-applied');
    const again = await run('rollout', 'status', 'deploy/api', '--timeout=90s');
    expect(again.stdout.trim().split('\n').at(-1)).toBe('deployment "api" successfully rolled out');

    const managers = await run('get', 'deploy', 'api', '--show-managed-fields', '-o', 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}{"\\n"}{end}');
    expect(managers.stdout.trim().split('\n')).toContain('kubectl/Apply');
  });
});
