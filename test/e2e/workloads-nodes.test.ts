// A node dies under a Service, on a real `skiff up --nodes 3 --runtime simulated` plus a
// fourth agent run as its own `skiff agent` process (so it can be killed like a machine
// that loses power): the Service's Endpoints and EndpointSlice follow the pods' readiness
// as the node lifecycle controller marks the dead node's pods not ready, and the
// Deployment's pods are replaced on the live nodes once their tolerations run out.
// Replayed queue messages are checked here too, sent straight to skiff's SQS emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetQueueUrlCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSqsClient } from '../../local/aws-clients.ts';
import { QUEUE_PREFIX } from '../../local/cluster.ts';
import { queueName, workQueues } from '../../lib/queue/queue-definitions.ts';
import { SIMULATED_OS_IMAGE } from '../../lib/agent/machine.ts';
import { parseTable } from '../support/e2e.ts';
import { eventually } from '../support/pipeline.ts';
import {
  activePods, apply, deployment, isReady, kubectlOk, pods, readyNodes, rolloutStatus, sampleBounds, service, upSimulated, type E2eCluster,
} from './workloads-support.ts';

const BIN = resolve(import.meta.dirname, '../../bin/skiff.mjs');
const SPARE = 'spare';
let c: E2eCluster;
let spare: ChildProcess | undefined;

function skiffCommand(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`skiff ${args.join(' ')} exited ${code}: ${out}`))));
  });
}

beforeAll(async () => {
  c = await upSimulated(3);
  const token = (await skiffCommand(['token', 'create', '--node', SPARE, '--home', c.home])).trim();
  spare = spawn(process.execPath, [
    BIN, 'agent', '--server', c.skiff.endpoints['api']!, '--token', token, '--name', SPARE, '--runtime', 'simulated',
    '--ca-file', join(c.home, 'pki', 'ca.crt'), '--state-dir', mkdtempSync(join(tmpdir(), 'skiff-spare-')), '--address', '127.0.0.1',
  ], { stdio: 'ignore' });
  await eventually('the spare node Ready', async () => (await readyNodes(c)).includes(SPARE), 60_000);
}, 300_000);
afterAll(async () => {
  spare?.kill('SIGKILL');
  await c?.stop();
});

// Tolerating an unreachable node for 10 s leaves a window in which the dead node's pods
// are not ready but not yet evicted, which is what the Endpoints must show.
const TOLERATIONS = `      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
`;

interface SliceEndpoint {
  addresses: string[];
  nodeName?: string;
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  targetRef: { name: string };
}

async function sliceEndpoints(): Promise<SliceEndpoint[]> {
  const out = await kubectlOk(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json']);
  return (JSON.parse(out) as { items: { endpoints?: SliceEndpoint[] }[] }).items.flatMap((s) => s.endpoints ?? []);
}

async function endpointsAddresses(): Promise<{ ready: string[]; notReady: string[] }> {
  const ep = await c.core.readNamespacedEndpoints({ namespace: 'default', name: 'web' });
  const names = (list: { targetRef?: { name?: string } }[] | undefined) => (list ?? []).map((a) => a.targetRef!.name!).sort();
  return { ready: ep.subsets?.flatMap((s) => names(s.addresses)).sort() ?? [], notReady: ep.subsets?.flatMap((s) => names(s.notReadyAddresses)).sort() ?? [] };
}

describe('what kubelets show', () => {
  it('kubectl get nodes -o wide shows OS image and kernel; a pod gets kubelet events in order, and Killing on delete', async () => {
    const rows = parseTable(await kubectlOk(c, ['get', 'nodes', '-o', 'wide']));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatchObject({ 'OS-IMAGE': SIMULATED_OS_IMAGE, 'KERNEL-VERSION': release() });

    await apply(c, 'apiVersion: v1\nkind: Pod\nmetadata: {name: ev-web}\nspec:\n  containers: [{name: web, image: "nginx:1.27"}]\n');
    const events = async () => parseTable(await kubectlOk(c, [
      'get', 'events', '--field-selector', 'involvedObject.name=ev-web', '-o', 'custom-columns=SOURCE:.source.component,REASON:.reason,COUNT:.count,MESSAGE:.message',
    ]));
    await eventually('Started', async () => (await events()).some((e) => e['REASON'] === 'Started'), 60_000);
    const listed = await events();
    expect(listed.filter((e) => e['SOURCE'] === 'default-scheduler').map((e) => e['REASON'])).toEqual(['Scheduled']);
    // The kubelet's Events are named by time, so kubectl lists them in the order they happened.
    expect(listed.filter((e) => e['SOURCE'] === 'kubelet').map((e) => `${e['REASON']}: ${e['MESSAGE']}`)).toEqual([
      'Pulled: Container image "nginx:1.27" already present on machine', 'Created: Created container: web', 'Started: Started container web',
    ]);
    await kubectlOk(c, ['delete', 'pod', 'ev-web']);
    await eventually('Killing', async () => (await events()).some((e) => e['REASON'] === 'Killing' && e['MESSAGE'] === 'Stopping container web'), 30_000);
  }, 120_000);
});

describe('a node dies under a Service', () => {
  let onSpare: string[] = [];
  let onLive: string[] = [];

  it('a Service’s Endpoints and EndpointSlice list the ready pods of its Deployment', async () => {
    // Two pods on the spare node (the others cordoned), then two more on the live nodes.
    for (const n of ['local-1', 'local-2', 'local-3']) await kubectlOk(c, ['cordon', n]);
    await apply(c, deployment('web', { replicas: 2, image: 'nginx:1', podExtra: TOLERATIONS }) + '---\n' + service('web'));
    await rolloutStatus(c, 'web');
    for (const n of ['local-1', 'local-2', 'local-3']) await kubectlOk(c, ['uncordon', n]);
    await kubectlOk(c, ['scale', 'deployment/web', '--replicas=4']);
    await rolloutStatus(c, 'web');
    const running = await activePods(c, 'app=web');
    onSpare = running.filter((p) => p.spec?.nodeName === SPARE).map((p) => p.metadata!.name!).sort();
    onLive = running.filter((p) => p.spec?.nodeName !== SPARE).map((p) => p.metadata!.name!).sort();
    expect(onSpare).toHaveLength(2);
    expect(onLive).toHaveLength(2);
    const all = [...onSpare, ...onLive].sort();
    await eventually('all four pods ready in the Endpoints and the slice', async () => {
      const ep = await endpointsAddresses();
      const slice = await sliceEndpoints();
      return ep.ready.join() === all.join() && slice.filter((e) => e.conditions.ready).map((e) => e.targetRef.name).sort().join() === all.join();
    });
    const slice = await sliceEndpoints();
    expect(slice.find((e) => e.targetRef.name === onSpare[0])).toMatchObject({ nodeName: SPARE, conditions: { ready: true, serving: true, terminating: false } });
  });

  it('when the node stops, its pods turn not ready there, then are replaced on the other nodes', async () => {
    spare!.kill('SIGKILL');
    // After the 40 s grace period the node is Unknown and its pods not ready: still listed, as not ready.
    await eventually('the dead node’s pods listed as not ready', async () => {
      const ep = await endpointsAddresses();
      return ep.notReady.join() === onSpare.join() && ep.ready.join() === onLive.join();
    }, 120_000);
    const slice = await sliceEndpoints();
    expect(slice.filter((e) => onSpare.includes(e.targetRef.name)).map((e) => e.conditions.ready)).toEqual([false, false]);
    expect(await kubectlOk(c, ['get', 'node', SPARE])).toMatch(new RegExp(`\\n${SPARE}\\s+NotReady\\s`));

    // Their tolerations run out: evicted, replaced on live nodes, and gone from the Endpoints.
    await eventually('four ready pods again, none on the dead node', async () => {
      const active = await activePods(c, 'app=web');
      return active.length === 4 && active.every((p) => isReady(p) && p.spec?.nodeName !== SPARE);
    }, 120_000);
    await eventually('the Endpoints and slice list the four live pods only', async () => {
      const live = (await activePods(c, 'app=web')).map((p) => p.metadata!.name!).sort().join();
      const ep = await endpointsAddresses();
      const ready = (await sliceEndpoints()).filter((e) => e.conditions.ready).map((e) => e.targetRef.name).sort().join();
      return ep.ready.join() === live && ep.notReady.length === 0 && ready === live;
    }, 60_000);
    const events = await kubectlOk(c, ['get', 'events', '--field-selector', 'reason=TaintManagerEviction']);
    for (const name of onSpare) expect(events).toContain(`Marking for deletion Pod default/${name}`);
  });

  it('replayed queue messages for the ReplicaSet never produce extra pods', async () => {
    const [rs] = (await c.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=web' })).items;
    const key = `apps/replicasets/default/${rs!.metadata!.name}`;
    const sqs = localSqsClient(c.skiff.endpoints['sqs']!);
    const sampler = sampleBounds(c, 'app=web', { maxActive: 6, minReady: 0 });
    try {
      const queueUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName(QUEUE_PREFIX, workQueues.find((q) => q.name === 'replicaset')!) }))).QueueUrl!;
      // Ten copies, each with its own deduplication id, so the queue delivers every one.
      for (let round = 0; round < 3; round++) {
        await kubectlOk(c, ['scale', 'deployment/web', `--replicas=${round % 2 === 0 ? 6 : 4}`]);
        await sqs.send(new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Id: `m${i}`, MessageBody: JSON.stringify({ key, cause: 'change' }), MessageGroupId: key, MessageDeduplicationId: `replay-${round}-${i}`,
          })),
        }));
        const want = round % 2 === 0 ? 6 : 4;
        await rolloutStatus(c, 'web');
        await eventually(`${want} pods and no more`, async () => (await pods(c, 'app=web')).length === want, 60_000);
      }
    } finally {
      await sampler.stop();
      sqs.destroy();
    }
    expect(sampler.violations).toEqual([]);
    expect((await activePods(c, 'app=web')).length).toBe(6);
  });
});
