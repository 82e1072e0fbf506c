// The real kubectl driving workloads on the real `skiff up` (controllers, scheduler and two
// simulated nodes): rollout status/history/undo/pause/resume/restart, scale, wait, and
// delete with each cascade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTable, startE2E, type E2E } from '../support/e2e.ts';
import { eventually } from '../support/pipeline.ts';

let e: E2E;
const ns = 'default';
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.stop();
});

const run = (...args: string[]) => e.k.run(args);
/** Parsed kubectl output, read by path. */
type Json = Record<string, any>;
const getJson = async (...args: string[]): Promise<Json> => JSON.parse((await run('get', ...args, '-o', 'json')).stdout) as Json;
const keys = (o: unknown) => Object.keys(o ?? {}).sort().join(',');
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx:1.25"}]
`;

async function rolledOut(name: string): Promise<void> {
  const res = await run('rollout', 'status', `deploy/${name}`, '--timeout=90s');
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expect(res.stdout.trim().split('\n').at(-1)).toBe(`deployment "${name}" successfully rolled out`);
}
const image = async () => (await run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).stdout;
const history = async () => (await run('rollout', 'history', 'deploy/web')).stdout;
const podImages = async (app: string) => (await run('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}')).stdout;
/** Old pods terminate after the rollout is reported done (as on a real cluster), so poll. */
const podsBecome = (app: string, image: string, count: number) =>
  eventually(`${count} pods of ${app} on ${image}`, async () => (await podImages(app)) === `${image}\n`.repeat(count), 60_000);

describe('kubectl rollout', () => {
  it('status waits until the new replicas are available', async () => {
    expect((await run('apply', '-f', e.k.file('web.yaml', DEPLOYMENT))).stdout).toBe('deployment.apps/web created\n');
    await rolledOut('web');
    expect(parseTable((await run('get', 'deploy', 'web')).stdout)[0]).toMatchObject({ READY: '2/2', 'UP-TO-DATE': '2', AVAILABLE: '2' });
    // What a v1.32 cluster shows: Go's omitempty drops unavailableReplicas: 0 and minReadySeconds: 0.
    await eventually('status with exactly kube’s fields', async () => keys((await getJson('deploy', 'web'))['status']) === 'availableReplicas,conditions,observedGeneration,readyReplicas,replicas,updatedReplicas');
    const [rs] = (await getJson('rs', '-l', 'app=web'))['items'] as Json[];
    expect(keys(rs!['spec'])).toBe('replicas,selector,template');
    await eventually('ReplicaSet status with exactly kube’s fields', async () => keys((await getJson('rs', '-l', 'app=web'))['items'][0]['status']) === 'availableReplicas,fullyLabeledReplicas,observedGeneration,readyReplicas,replicas');
  });

  it('history lists revisions with their change-cause, and shows one revision\'s template', async () => {
    expect((await run('set', 'image', 'deploy/web', 'app=nginx:1.26')).stdout).toBe('deployment.apps/web image updated\n');
    await run('annotate', 'deploy', 'web', 'kubernetes.io/change-cause=to 1.26');
    await rolledOut('web');
    await podsBecome('web', 'nginx:1.26', 2);
    await eventually('the change-cause on revision 2', async () => (await history()).includes('2         to 1.26'));
    expect(await history()).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to 1.26\n\n');
    const two = await run('rollout', 'history', 'deploy/web', '--revision=2');
    expect(two.stdout).toMatch(/^deployment\.apps\/web with revision #2\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n/);
    expect(two.stdout).toContain('    Image:\tnginx:1.26\n');
    expect(two.stdout).toContain('  Annotations:\tkubernetes.io/change-cause: to 1.26\n');
  });

  it('undo rolls back to the previous template as a new revision', async () => {
    expect((await run('rollout', 'undo', 'deploy/web')).stdout).toBe('deployment.apps/web rolled back\n');
    await rolledOut('web');
    expect(await image()).toBe('nginx:1.25');
    await podsBecome('web', 'nginx:1.25', 2);
    expect(await history()).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         to 1.26\n3         <none>\n\n');
    const gone = await run('rollout', 'undo', 'deploy/web', '--to-revision=1');
    expect(gone).toMatchObject({ code: 1, stderr: 'error: unable to find specified revision 1 in history\n' });
  });

  it('pause holds template changes back, resume lets them roll out', async () => {
    expect((await run('rollout', 'pause', 'deploy/web')).stdout).toBe('deployment.apps/web paused\n');
    expect(await run('rollout', 'pause', 'deploy/web')).toMatchObject({ code: 1, stderr: 'error: deployments.apps "web" is already paused\n' });
    await run('set', 'image', 'deploy/web', 'app=nginx:1.27');
    // The controller has seen the change (observedGeneration caught up) and made no new ReplicaSet.
    await eventually('the paused change observed', async () => {
      const [gen, observed] = (await run('get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation} {.status.observedGeneration}')).stdout.split(' ');
      return gen === observed;
    });
    expect((await run('get', 'rs', '-l', 'app=web', '-o', 'name')).stdout.trim().split('\n')).toHaveLength(2);
    expect(await podImages('web')).toBe('nginx:1.25\nnginx:1.25\n');
    const restart = await run('rollout', 'restart', 'deploy/web');
    expect(restart).toMatchObject({ code: 1, stderr: 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n' });

    expect((await run('rollout', 'resume', 'deploy/web')).stdout).toBe('deployment.apps/web resumed\n');
    expect(await run('rollout', 'resume', 'deploy/web')).toMatchObject({ code: 1, stderr: 'error: deployments.apps "web" is not paused\n' });
    await rolledOut('web');
    await podsBecome('web', 'nginx:1.27', 2);
  });

  it('restart rolls the pods out again under a new revision', async () => {
    const before = (await run('get', 'pods', '-l', 'app=web', '-o', 'name')).stdout;
    expect((await run('rollout', 'restart', 'deploy/web')).stdout).toBe('deployment.apps/web restarted\n');
    const restartedAt = await run('get', 'deploy', 'web', '-o', "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}");
    expect(restartedAt.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await rolledOut('web');
    const replaced = async () => {
      const after = (await run('get', 'pods', '-l', 'app=web', '-o', 'name')).stdout.trim().split('\n');
      return after.length === 2 && after.every((pod) => !before.includes(pod));
    };
    await eventually('two new pods replacing the old ones', replaced, 60_000);
    expect(await history()).toMatch(/\n5 {9}<none>\n\n$/);
  });
});

describe('kubectl scale and wait', () => {
  it('scales a deployment, and refuses when --current-replicas does not match', async () => {
    expect((await run('scale', 'deploy/web', '--replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    await rolledOut('web');
    expect(parseTable((await run('get', 'deploy', 'web')).stdout)[0]).toMatchObject({ READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3' });
    const refused = await run('scale', 'deploy/web', '--current-replicas=2', '--replicas=1');
    expect(refused).toMatchObject({ code: 1, stderr: 'error: Expected replicas to be 2, was 3\n' });
    expect((await run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('scaled to 0, the ReplicaSet status is {observedGeneration, replicas: 0} and the Deployment keeps no zero counters', async () => {
    await run('create', 'deployment', 'zero', '--image=nginx', '--replicas=1');
    await rolledOut('zero');
    expect((await run('scale', 'deploy/zero', '--replicas=0')).stdout).toBe('deployment.apps/zero scaled\n');
    await rolledOut('zero');
    await eventually('the ReplicaSet down to {observedGeneration, replicas: 0}', async () => {
      const status = (await getJson('rs', '-l', 'app=zero'))['items'][0]?.['status'];
      return keys(status) === 'observedGeneration,replicas' && status['replicas'] === 0;
    });
    await eventually('the Deployment status without zero counters', async () => keys((await getJson('deploy', 'zero'))['status']) === 'conditions,observedGeneration');
    expect((await run('delete', 'deploy', 'zero')).code).toBe(0);
  });

  it('wait --for=condition=Available returns once a new deployment is available', async () => {
    expect((await run('create', 'deployment', 'fresh', '--image=nginx', '--replicas=2')).stdout).toBe('deployment.apps/fresh created\n');
    const waited = await run('wait', '--for=condition=Available', 'deploy/fresh', '--timeout=90s');
    expect(waited).toMatchObject({ code: 0, stdout: 'deployment.apps/fresh condition met\n', stderr: '' });
    expect((await run('get', 'deploy', 'fresh', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}')).stdout).toBe('True');
  });
});

describe('kubectl delete', () => {
  const noneLeft = async (app: string) => (await run('get', 'rs,pods', '-l', `app=${app}`, '-o', 'name')).stdout === '';

  it('by default deletes a deployment and lets the collector remove its ReplicaSets and pods', async () => {
    expect((await run('delete', 'deploy', 'fresh')).stdout).toBe('deployment.apps "fresh" deleted\n');
    expect((await run('get', 'deploy', 'fresh')).stderr).toBe('Error from server (NotFound): deployments.apps "fresh" not found\n');
    await eventually('the ReplicaSet and pods of fresh collected', () => noneLeft('fresh'), 60_000);
  });

  it('--cascade=orphan leaves the ReplicaSet and its pods running, without an owner', async () => {
    await run('create', 'deployment', 'orphan', '--image=nginx', '--replicas=2');
    await rolledOut('orphan');
    expect((await run('delete', 'deploy', 'orphan', '--cascade=orphan')).stdout).toBe('deployment.apps "orphan" deleted\n');
    const rs = parseTable((await run('get', 'rs', '-l', 'app=orphan')).stdout);
    expect(rs).toEqual([{ NAME: expect.stringMatching(/^orphan-\w+$/), DESIRED: '2', CURRENT: '2', READY: '2', AGE: expect.any(String) }]);
    expect((await run('get', 'rs', rs[0]!['NAME']!, '-o', 'jsonpath={.metadata.ownerReferences}')).stdout).toBe('');
    expect((await run('get', 'pods', '-l', 'app=orphan', '-o', 'jsonpath={.items[*].status.phase}')).stdout).toBe('Running Running');
    expect((await run('delete', 'rs', rs[0]!['NAME']!)).stdout).toBe(`replicaset.apps "${rs[0]!['NAME']}" deleted\n`);
    await eventually('the orphaned pods collected with their ReplicaSet', () => noneLeft('orphan'), 60_000);
  });

  it('--cascade=foreground returns once the ReplicaSet and pods are gone', async () => {
    await run('create', 'deployment', 'fg', '--image=nginx', '--replicas=2');
    await rolledOut('fg');
    expect((await run('delete', 'deploy', 'fg', '--cascade=foreground', '--timeout=90s')).stdout).toBe('deployment.apps "fg" deleted\n');
    expect(await noneLeft('fg')).toBe(true);
  });

  it('deletes a pod gracefully, and at once with --grace-period=0 --force', async () => {
    for (const pod of ['calm', 'rushed']) {
      expect((await run('run', pod, '--image=nginx')).stdout).toBe(`pod/${pod} created\n`);
      expect((await run('wait', '--for=condition=Ready', `pod/${pod}`, '--timeout=60s')).stdout).toBe(`pod/${pod} condition met\n`);
    }
    expect(await run('delete', 'pod', 'calm')).toMatchObject({ code: 0, stdout: 'pod "calm" deleted\n', stderr: '' });
    expect((await run('get', 'pod', 'calm')).stderr).toBe('Error from server (NotFound): pods "calm" not found\n');
    const forced = await run('delete', 'pod', 'rushed', '--grace-period=0', '--force');
    expect(forced).toMatchObject({
      code: 0, stdout: 'pod "rushed" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect((await run('get', 'pod', 'rushed')).stderr).toBe('Error from server (NotFound): pods "rushed" not found\n');
  });
});
