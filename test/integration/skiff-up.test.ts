// `skiff up` as a user runs it: ready line, clean stop, restart keeps data, side by side.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { DynamoStore } from '../../lib/storage/dynamo-store.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { TABLE_NAME } from '../../local/cluster.ts';
import { waitFor } from '../../local/free-port.ts';
import { isAlive, javaPidOf, startSkiff, type RunningSkiff } from '../support/skiff-process.ts';
import { kubectlRunner } from '../support/kubectl.ts';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';

const running: RunningSkiff[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGTERM')));
});

const tempHome = () => mkdtempSync(join(tmpdir(), 'skiff-home-'));
const configmaps = { group: '', resource: 'configmaps' };

function storeAt(endpoint: string): DynamoStore {
  return new DynamoStore({ client: localDynamoClient(endpoint), tableName: TABLE_NAME, clock: systemClock, ids: randomIds });
}

async function up(home: string, ...args: string[]): Promise<RunningSkiff> {
  const s = await startSkiff(['--home', home, '--port', '0', ...args]);
  running.push(s);
  return s;
}

describe('skiff up', () => {
  it('prints a ready line with working endpoints, and SIGINT stops every child', async () => {
    const home = tempHome();
    const skiff = await up(home, '--in-memory');
    expect(skiff.readyLine).toMatch(/^skiff: ready .*dynamodb=http:\/\/127\.0\.0\.1:\d+ .*sqs=http:\/\/127\.0\.0\.1:\d+/);
    const store = storeAt(skiff.endpoints['dynamodb']!);
    expect(await store.currentRevision()).toMatch(/^\d+$/);
    const java = javaPidOf(home);
    expect(isAlive(java)).toBe(true);
    expect(await skiff.stop('SIGINT')).toBe(0);
    await waitFor('java to exit', async () => !isAlive(java), 10_000);
    expect(existsSync(join(home, 'dynamodb-local.pid'))).toBe(false);
  });

  it('keeps every object across a SIGTERM and restart on the same home', async () => {
    const home = tempHome();
    const first = await up(home);
    const created = await storeAt(first.endpoints['dynamodb']!).create(configmaps, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: 'default' }, data: { a: '1' },
    });
    const java = javaPidOf(home);
    expect(await first.stop('SIGTERM')).toBe(0);
    await waitFor('java to exit', async () => !isAlive(java), 10_000);

    const second = await up(home);
    const store = storeAt(second.endpoints['dynamodb']!);
    expect(await store.get({ resource: configmaps, namespace: 'default', name: 'kept' })).toEqual(created);
    expect(BigInt(await store.currentRevision())).toBeGreaterThanOrEqual(BigInt(created.metadata.resourceVersion!));
  });

  it('runs two clusters side by side on different homes without sharing data', async () => {
    const [a, b] = await Promise.all([up(tempHome(), '--in-memory'), up(tempHome(), '--in-memory')]);
    expect(a.endpoints['dynamodb']).not.toBe(b.endpoints['dynamodb']);
    expect(a.endpoints['sqs']).not.toBe(b.endpoints['sqs']);
    await storeAt(a.endpoints['dynamodb']!).create(configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-a', namespace: 'default' } });
    // Each cluster also publishes its own root CA ConfigMaps; only ours are counted here.
    const ours = async (endpoint: string) => (await storeAt(endpoint).list(configmaps)).items.filter((c) => c.metadata.name !== 'kube-root-ca.crt');
    expect(await ours(b.endpoints['dynamodb']!)).toEqual([]);
    expect((await ours(a.endpoints['dynamodb']!)).map((c) => c.metadata.name)).toEqual(['only-a']);
  });

  it('refuses a second cluster on a home that is in use, and reaps java left by a killed run', async () => {
    const home = tempHome();
    const first = await up(home, '--in-memory');
    const firstJava = javaPidOf(home);
    await expect(startSkiff(['--home', home, '--port', '0', '--in-memory'])).rejects.toThrow(/already running on this home/);
    expect(isAlive(firstJava)).toBe(true);

    await first.stop('SIGKILL'); // no chance to clean up: its java is orphaned for now
    expect(isAlive(firstJava)).toBe(true);
    const second = await up(home, '--in-memory');
    await waitFor('the orphaned java to be reaped', async () => !isAlive(firstJava), 10_000);
    expect(javaPidOf(home)).not.toBe(firstJava);
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('prints a KUBECONFIG that kubectl uses, and issues node tokens that authenticate', async () => {
    const home = tempHome();
    const skiff = await up(home, '--in-memory');
    const exportLine = skiff.output().split('\n').find((l) => l.startsWith('export KUBECONFIG='));
    expect(exportLine).toBe(`export KUBECONFIG=${join(home, 'kubeconfig')}`);
    const k = kubectlRunner(join(home, 'kubeconfig'));
    const ns = await k.run(['get', 'namespaces', '-o', 'name']);
    expect(ns.stdout.trim().split('\n')).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);

    const bin = join(import.meta.dirname, '../../bin/skiff.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'token', 'create', '--home', home, '--node', 'worker-1']);
    const token = stdout.trim();
    expect(token).toMatch(/^skiff\.[0-9a-f]{8}\./);
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(readFileSync(join(home, 'kubeconfig'), 'utf8'))![1]!, 'base64').toString();
    const status = (auth: string) => new Promise<number | undefined>((resolve, reject) => {
      const req = httpsRequest(`${skiff.endpoints['api']}/api/v1/namespaces`, { ca, headers: { authorization: auth } }, (r) => {
        r.resume();
        r.on('end', () => resolve(r.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
    expect(await status(`Bearer ${token}`)).toBe(200);
    expect(await status(`Bearer ${token}x`)).toBe(401);

    // The pipeline runs: deleting a namespace with content completes through the
    // namespace controller, and /metrics shows its queue counters moving.
    const made = await k.run(['create', '-f', k.file('doomed.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: doomed}\n')]);
    expect(made.stdout.trim().split('\n')).toEqual(['namespace/doomed created', 'configmap/c created']);
    const del = await k.run(['delete', 'namespace', 'doomed', '--timeout=60s']);
    expect(del.stdout.trim()).toBe('namespace "doomed" deleted');
    expect((await k.run(['get', 'namespace', 'doomed'])).stderr).toContain('NotFound');
    const metrics = await k.run(['get', '--raw', '/metrics']);
    expect(metrics.stdout).toMatch(/skiff_queue_messages_total\{queue="namespace",outcome="(processed|requeued)"\} [1-9]/);
  });

  it('runs a pod with a command on local-1: Running in get -o wide, logs, delete', async () => {
    const home = tempHome();
    await up(home, '--in-memory');
    const k = kubectlRunner(join(home, 'kubeconfig'));
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: hello}\nspec:\n  containers:\n  - name: main\n    image: busybox\n    command: ["sh", "-c", "echo hello from skiff; while true; do sleep 1; done"]\n';
    expect((await k.run(['apply', '-f', k.file('hello.yaml', manifest)])).stdout.trim()).toBe('pod/hello created');
    await waitFor('the pod to run', async () => (await k.run(['get', 'pod', 'hello', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
    const wide = (await k.run(['get', 'pods', '-o', 'wide'])).stdout;
    expect(wide).toMatch(/^hello\s+1\/1\s+Running\s+0\s+\S+\s+\S+\s+local-1\s/m);
    await waitFor('the output to reach the apiserver', async () => (await k.run(['logs', 'hello'])).stdout.includes('hello from skiff'), 30_000);
    expect((await k.run(['delete', 'pod', 'hello'])).stdout.trim()).toBe('pod "hello" deleted');
    expect((await k.run(['get', 'pod', 'hello'])).stderr).toContain('NotFound');
  });
});
