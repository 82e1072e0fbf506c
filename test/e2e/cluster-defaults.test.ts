// The objects every real cluster has, seen through the real kubectl against `skiff up`: the
// `kubernetes` Service in default, and in every namespace the `default` ServiceAccount and
// the `kube-root-ca.crt` ConfigMap, put back when deleted or edited.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerOf, parseTable, startE2E, type E2E } from '../support/e2e.ts';
import { eventually } from '../support/pipeline.ts';

let e: E2E;
const ns = 'defaults-e2e';

beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.stop();
});

const kubeconfigField = (name: string) => new RegExp(`${name}: (\\S+)`).exec(readFileSync(e.kubeconfig, 'utf8'))![1]!;
const caPem = () => Buffer.from(kubeconfigField('certificate-authority-data'), 'base64').toString();
const run = async (...args: string[]) => {
  const r = await e.k.run(args);
  expect(r.stderr, args.join(' ')).toBe('');
  return r.stdout;
};
const uidOf = (kind: string, name: string) => run('get', kind, name, '-n', ns, '-o', 'jsonpath={.metadata.uid}');
const caData = () => e.k.run(['get', 'cm', 'kube-root-ca.crt', '-n', ns, '-o', 'jsonpath={.data.ca\\.crt}']);

describe('the kubernetes Service', () => {
  it('is in default at 10.96.0.1, 443/TCP to the apiserver port, with the apiserver labels and no selector', async () => {
    const table = await run('get', 'svc', 'kubernetes');
    expect(headerOf(table)).toBe('NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE');
    expect(parseTable(table)).toEqual([{ NAME: 'kubernetes', TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.0.1', 'EXTERNAL-IP': '<none>', 'PORT(S)': '443/TCP', AGE: expect.any(String) }]);
    const svc = JSON.parse(await run('get', 'svc', 'kubernetes', '-o', 'json'));
    const apiPort = Number(new URL(kubeconfigField('server')).port);
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(svc.spec.selector).toBeUndefined();
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiPort }]);
    // The apiserver listens on loopback, which Endpoints may not list: the port is
    // published, no address (see ARCHITECTURE.md).
    const slice = JSON.parse(await run('get', 'endpointslice', 'kubernetes', '-o', 'json'));
    expect(slice).toMatchObject({ addressType: 'IPv4', metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' } }, ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }] });
    expect(slice.endpoints ?? []).toEqual([]);
    expect(JSON.parse(await run('get', 'endpoints', 'kubernetes', '-o', 'json')).metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
  });
});

describe('namespace defaults', () => {
  it('a new namespace gets the default ServiceAccount and the cluster CA', async () => {
    await run('create', 'namespace', ns);
    await eventually('the default ServiceAccount', async () => (await e.k.run(['get', 'sa', '-n', ns])).stdout.includes('default'), 30_000);
    const sa = await run('get', 'sa', '-n', ns);
    expect(headerOf(sa)).toBe('NAME SECRETS AGE');
    expect(parseTable(sa)).toEqual([{ NAME: 'default', SECRETS: '0', AGE: expect.any(String) }]);
    await eventually('the root CA ConfigMap', async () => (await caData()).stdout !== '', 30_000);
    expect((await caData()).stdout).toBe(caPem());
    expect(await run('get', 'cm', 'kube-root-ca.crt', '-n', ns, '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/description}'))
      .toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    // The system namespaces have them too.
    for (const system of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      await eventually(`the defaults of ${system}`, async () =>
        (await e.k.run(['get', 'sa/default', 'cm/kube-root-ca.crt', '-n', system, '-o', 'name'])).stdout === 'serviceaccount/default\nconfigmap/kube-root-ca.crt\n', 30_000);
    }
  });

  it('puts back a deleted ServiceAccount and a deleted or edited ConfigMap', async () => {
    const saUid = await uidOf('sa', 'default');
    expect(await run('delete', 'sa', 'default', '-n', ns)).toBe('serviceaccount "default" deleted\n');
    await eventually('the ServiceAccount back', async () => {
      const now = await e.k.run(['get', 'sa', 'default', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
      return now.code === 0 && now.stdout !== saUid;
    }, 30_000);

    const cmUid = await uidOf('cm', 'kube-root-ca.crt');
    expect(await run('delete', 'cm', 'kube-root-ca.crt', '-n', ns)).toBe('configmap "kube-root-ca.crt" deleted\n');
    await eventually('the ConfigMap back', async () => {
      const now = await e.k.run(['get', 'cm', 'kube-root-ca.crt', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
      return now.code === 0 && now.stdout !== cmUid;
    }, 30_000);
    expect((await caData()).stdout).toBe(caPem());

    expect(await run('patch', 'cm', 'kube-root-ca.crt', '-n', ns, '--type=merge', '-p', '{"data":{"ca.crt":"forged"}}')).toBe('configmap/kube-root-ca.crt patched\n');
    await eventually('the CA restored', async () => (await caData()).stdout === caPem(), 30_000);
  });

  it('deleting the namespace still completes, taking its defaults along', async () => {
    expect(await e.k.run(['delete', 'namespace', ns, '--timeout=60s'])).toMatchObject({ code: 0, stdout: `namespace "${ns}" deleted\n` });
    expect((await e.k.run(['get', 'namespace', ns])).stderr).toBe(`Error from server (NotFound): namespaces "${ns}" not found\n`);
    expect(await run('get', 'sa,cm', '-n', ns, '-o', 'name')).toBe('');
  });
});
