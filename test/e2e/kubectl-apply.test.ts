// The real kubectl against the real `skiff up`: client-side apply and diff, edit through a
// scripted editor, label and annotate, and the create generators with and without a
// server dry run. What kubectl prints is what a real cluster makes it print.
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.stop();
});

const ns = 'apply-e2e';
function deployment(env: string, image = 'nginx:1.25'): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: ${image}
        env:
${env}
`;
}
const ENV_A = '        - {name: A, value: "1"}';
const ENV_AB = `${ENV_A}\n        - {name: B, value: "2"}`;

const envOf = async () =>
  JSON.parse((await e.k.run(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].env}'])).stdout) as { name: string; value: string }[];

describe('kubectl apply and diff', () => {
  it('creates, then leaves an unchanged object unchanged', async () => {
    const file = e.k.file('web-a.yaml', deployment(ENV_A));
    const created = await e.k.run(['apply', '-f', file]);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe(`namespace/${ns} created\ndeployment.apps/web created\n`);
    const again = await e.k.run(['apply', '-f', file]);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(`namespace/${ns} unchanged\ndeployment.apps/web unchanged\n`);
    const lastApplied = await e.k.run(['get', 'deploy', 'web', '-n', ns, '-o', "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}"]);
    expect(JSON.parse(lastApplied.stdout)).toMatchObject({ kind: 'Deployment', spec: { replicas: 1 } });
    // Settled, so the controllers' status writes cannot show up in the diffs below.
    expect((await e.k.run(['rollout', 'status', 'deploy/web', '-n', ns, '--timeout=90s'])).stdout).toContain('successfully rolled out');
  });

  it('diff exits 0 with nothing to show, and 1 with a unified diff of the change', async () => {
    const same = await e.k.run(['diff', '-f', e.k.file('web-a.yaml', deployment(ENV_A))]);
    expect(same).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const changed = await e.k.run(['diff', '-f', e.k.file('web-ab.yaml', deployment(ENV_AB))]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toMatch(/^diff -u -N \S+\/LIVE-\d+\/apps\.v1\.Deployment\.apply-e2e\.web \S+\/MERGED-\d+\/apps\.v1\.Deployment\.apply-e2e\.web\n/);
    expect(changed.stdout).toContain('         - name: A\n           value: "1"\n+        - name: B\n+          value: "2"\n');
    // Only the env entry and the generation differ.
    const plus = changed.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(plus.filter((l) => !/^\+\s+(generation: \d+|- name: B|value: "2")$/.test(l))).toEqual([]);
    // A dry run wrote nothing.
    expect(await envOf()).toEqual([{ name: 'A', value: '1' }]);
  });

  it('configures a changed object, merging list elements by key', async () => {
    // Someone else adds an env entry the manifest never mentions.
    const patched = await e.k.run(['patch', 'deploy', 'web', '-n', ns, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"X","value":"kept"}]}]}}}}']);
    expect(patched.stdout).toBe('deployment.apps/web patched\n');
    expect(await envOf()).toEqual([{ name: 'X', value: 'kept' }, { name: 'A', value: '1' }]);

    const applied = await e.k.run(['apply', '-f', e.k.file('web-ab.yaml', deployment(ENV_AB, 'nginx:1.26'))]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe(`namespace/${ns} unchanged\ndeployment.apps/web configured\n`);
    const env = await envOf();
    expect(env).toHaveLength(3);
    expect(env).toEqual(expect.arrayContaining([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'X', value: 'kept' }]));
    expect((await e.k.run(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[*].image}'])).stdout).toBe('nginx:1.26');

    // Dropping B from the manifest removes it (it was applied), and X stays (it never was).
    const dropped = await e.k.run(['apply', '-f', e.k.file('web-a2.yaml', deployment(ENV_A, 'nginx:1.26'))]);
    expect(dropped.stdout).toBe(`namespace/${ns} unchanged\ndeployment.apps/web configured\n`);
    expect((await envOf()).map((v) => v.name).sort()).toEqual(['A', 'X']);
  });

  it('refuses an unknown field on the server, writing nothing', async () => {
    const bad = e.k.file('bad.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo, namespace: ${ns}}\ndata: {a: b}\nspec: {foo: 1}\n`);
    const res = await e.k.run(['apply', '-f', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Error from server (BadRequest): error when creating "${bad}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"`);
    expect((await e.k.run(['get', 'cm', 'typo', '-n', ns])).stderr).toBe('Error from server (NotFound): configmaps "typo" not found\n');
  });
});

describe('kubectl edit', () => {
  it('saves what a scripted KUBE_EDITOR wrote, and cancels when nothing changed', async () => {
    expect((await e.k.run(['create', 'configmap', 'tuning', '-n', ns, '--from-literal=level=low'])).stdout).toBe('configmap/tuning created\n');
    const editor = e.k.file('editor.sh', "#!/bin/sh\nsed -i 's/^  level: low$/  level: high/' \"$1\"\n");
    chmodSync(editor, 0o755);
    const edited = await e.k.run(['edit', 'configmap', 'tuning', '-n', ns], { env: { KUBE_EDITOR: editor } });
    expect(edited.stderr).toBe('');
    expect(edited.stdout).toBe('configmap/tuning edited\n');
    expect((await e.k.run(['get', 'cm', 'tuning', '-n', ns, '-o', 'jsonpath={.data.level}'])).stdout).toBe('high');

    const unchanged = await e.k.run(['edit', 'configmap', 'tuning', '-n', ns], { env: { KUBE_EDITOR: 'true' } });
    expect(unchanged).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
  });
});

describe('kubectl label and annotate', () => {
  it('labels, refuses to overwrite without --overwrite, removes, and labels by selector', async () => {
    for (const [name, tier] of [['l1', 'web'], ['l2', 'web'], ['l3', 'db']]) {
      await e.k.run(['create', 'configmap', name!, '-n', ns]);
      await e.k.run(['label', 'configmap', name!, '-n', ns, `tier=${tier}`]);
    }
    const clash = await e.k.run(['label', 'cm', 'l1', '-n', ns, 'tier=db']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe("error: 'tier' already has a value (web), and --overwrite is false\n");
    expect((await e.k.run(['label', 'cm', 'l1', '-n', ns, 'tier=db', '--overwrite'])).stdout).toBe('configmap/l1 labeled\n');
    expect((await e.k.run(['label', 'cm', '-n', ns, '-l', 'tier=db', 'team=red'])).stdout).toBe('configmap/l1 labeled\nconfigmap/l3 labeled\n');
    expect((await e.k.run(['label', 'cm', 'l3', '-n', ns, 'tier-'])).stdout).toBe('configmap/l3 unlabeled\n');
    const shown = await e.k.run(['get', 'cm', '-n', ns, '-l', 'team', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels}{"\\n"}{end}']);
    expect(shown.stdout).toBe('l1={"team":"red","tier":"db"}\nl3={"team":"red"}\n');
  });

  it('annotates, overwrites and removes annotations', async () => {
    expect((await e.k.run(['annotate', 'cm', 'l2', '-n', ns, 'note=first words'])).stdout).toBe('configmap/l2 annotated\n');
    expect((await e.k.run(['annotate', 'cm', 'l2', '-n', ns, 'note=second', '--overwrite'])).stdout).toBe('configmap/l2 annotated\n');
    expect((await e.k.run(['get', 'cm', 'l2', '-n', ns, '-o', 'jsonpath={.metadata.annotations.note}'])).stdout).toBe('second');
    expect((await e.k.run(['annotate', 'cm', 'l2', '-n', ns, 'note-'])).stdout).toBe('configmap/l2 annotated\n');
    expect((await e.k.run(['get', 'cm', 'l2', '-n', ns, '-o', 'jsonpath={.metadata.annotations}'])).stdout).toBe('');
  });
});

describe('kubectl create generators', () => {
  const generators: [string, string[], string][] = [
    ['deployment', ['deployment', 'gen-dep', '--image=nginx:1.25', '--replicas=2'], 'deployment.apps/gen-dep'],
    ['configmap', ['configmap', 'gen-cm', '--from-literal=a=b'], 'configmap/gen-cm'],
    ['secret generic', ['secret', 'generic', 'gen-secret', '--from-literal=p=q'], 'secret/gen-secret'],
    ['namespace', ['namespace', 'gen-ns'], 'namespace/gen-ns'],
  ];

  it('with --dry-run=server prints "created (server dry run)" and writes nothing', async () => {
    for (const [, args, ref] of generators) {
      const dry = await e.k.run(['create', ...args, '-n', ns, '--dry-run=server']);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toBe(`${ref} created (server dry run)\n`);
    }
    // The server's answer is the defaulted object.
    const yaml = await e.k.run(['create', 'deployment', 'gen-dep', '--image=nginx:1.25', '-n', ns, '--dry-run=server', '-o', 'yaml']);
    expect(yaml.stdout).toContain('imagePullPolicy: IfNotPresent');
    expect(yaml.stdout).toContain('progressDeadlineSeconds: 600');
    expect(yaml.stdout).toMatch(/uid: [0-9a-f-]{36}/);
    const got = await e.k.run(['get', 'deploy/gen-dep', 'cm/gen-cm', 'secret/gen-secret', '-n', ns]);
    expect(got.stdout).toBe('');
    expect(got.stderr).toBe('Error from server (NotFound): deployments.apps "gen-dep" not found\n'
      + 'Error from server (NotFound): configmaps "gen-cm" not found\nError from server (NotFound): secrets "gen-secret" not found\n');
    expect((await e.k.run(['get', 'ns', 'gen-ns'])).stderr).toBe('Error from server (NotFound): namespaces "gen-ns" not found\n');
  });

  it('without a dry run prints "created" and the objects exist', async () => {
    for (const [, args, ref] of generators) {
      const made = await e.k.run(['create', ...args, '-n', ns]);
      expect(made.stderr).toBe('');
      expect(made.stdout).toBe(`${ref} created\n`);
    }
    const names = await e.k.run(['get', 'deploy/gen-dep', 'cm/gen-cm', 'secret/gen-secret', '-n', ns, '-o', 'name']);
    expect(names.stdout).toBe('deployment.apps/gen-dep\nconfigmap/gen-cm\nsecret/gen-secret\n');
    expect((await e.k.run(['get', 'secret', 'gen-secret', '-n', ns, '-o', 'jsonpath={.type} {.data.p}'])).stdout).toBe(`Opaque ${Buffer.from('q').toString('base64')}`);
    expect((await e.k.run(['get', 'ns', 'gen-ns', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Active');
    const again = await e.k.run(['create', 'configmap', 'gen-cm', '-n', ns]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: failed to create configmap: configmaps "gen-cm" already exists\n');
  });

  it('deletes a namespace with contents, waiting until it is gone', async () => {
    expect((await e.k.run(['create', 'configmap', 'inside', '-n', 'gen-ns'])).stdout).toBe('configmap/inside created\n');
    expect(await e.k.run(['delete', 'namespace', 'gen-ns', '--timeout=90s'])).toMatchObject({ code: 0, stdout: 'namespace "gen-ns" deleted\n', stderr: '' });
    expect((await e.k.run(['get', 'ns', 'gen-ns'])).stderr).toBe('Error from server (NotFound): namespaces "gen-ns" not found\n');
  });
});
