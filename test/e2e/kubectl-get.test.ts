// The real kubectl's read side against the real `skiff up`: output formats, selectors,
// all namespaces, sorting, watching, events and discovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerOf, parseTable, startE2E, type E2E } from '../support/e2e.ts';
import { eventually } from '../support/pipeline.ts';

let e: E2E;
const ns = 'get-e2e';

const FIXTURES = `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: alpha, namespace: ${ns}, labels: {env: dev, tier: web}}
data: {rank: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: beta, namespace: ${ns}, labels: {env: prod, tier: web}}
data: {rank: "1", extra: "x"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: gamma, namespace: ${ns}, labels: {env: prod}}
data: {rank: "2"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx:1.25"}]
`;

beforeAll(async () => {
  e = await startE2E();
  const applied = await e.k.run(['apply', '-f', e.k.file('fixtures.yaml', FIXTURES)]);
  expect(applied.stderr).toBe('');
  const rolled = await e.k.run(['rollout', 'status', `deploy/web`, '-n', ns, '--timeout=90s']);
  expect(rolled.stdout).toContain('deployment "web" successfully rolled out');
  // Every namespace also holds the root CA ConfigMap, published by a controller: listings
  // below print it where a real cluster's would.
  await eventually('the root CA ConfigMap', async () => (await e.k.run(['get', 'cm', 'kube-root-ca.crt', '-n', ns])).code === 0, 30_000);
});
afterAll(async () => {
  await e?.stop();
});

describe('kubectl get output formats', () => {
  it('prints pods as a table, and -o wide adds IP, NODE and the gates', async () => {
    const plain = await e.k.run(['get', 'pods', '-n', ns]);
    expect(headerOf(plain.stdout)).toBe('NAME READY STATUS RESTARTS AGE');
    const rows = parseTable(plain.stdout);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ NAME: expect.stringMatching(/^web-[a-z0-9]+-[a-z0-9]{5}$/), READY: '1/1', STATUS: 'Running', RESTARTS: '0', AGE: expect.stringMatching(/^\d+s$/) });

    const wide = await e.k.run(['get', 'pods', '-n', ns, '-o', 'wide']);
    expect(headerOf(wide.stdout)).toBe('NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES');
    for (const row of parseTable(wide.stdout)) {
      expect(row).toMatchObject({ IP: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), NODE: expect.stringMatching(/^local-[12]$/), 'NOMINATED NODE': '<none>', 'READINESS GATES': '<none>' });
    }

    const deploy = await e.k.run(['get', 'deploy', '-n', ns, '-o', 'wide']);
    expect(headerOf(deploy.stdout)).toBe('NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR');
    expect(parseTable(deploy.stdout)).toEqual([{ NAME: 'web', READY: '2/2', 'UP-TO-DATE': '2', AVAILABLE: '2', AGE: expect.any(String), CONTAINERS: 'app', IMAGES: 'nginx:1.25', SELECTOR: 'app=web' }]);
  });

  it('prints one object as yaml, json, name and jsonpath', async () => {
    const yaml = await e.k.run(['get', 'cm', 'beta', '-n', ns, '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^apiVersion: v1\ndata:\n {2}extra: x\n {2}rank: "1"\nkind: ConfigMap\nmetadata:\n/);
    expect(yaml.stdout).toContain(`  name: beta\n  namespace: ${ns}\n  resourceVersion: "`);
    const json = JSON.parse((await e.k.run(['get', 'cm', 'beta', '-n', ns, '-o', 'json'])).stdout);
    expect(json).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'beta', labels: { env: 'prod', tier: 'web' } }, data: { rank: '1', extra: 'x' } });
    expect((await e.k.run(['get', 'cm', 'beta', '-n', ns, '-o', 'name'])).stdout).toBe('configmap/beta\n');
    expect((await e.k.run(['get', 'cm', '-n', ns, '-o', 'jsonpath={range .items[*]}{.metadata.name}:{.data.rank} {end}'])).stdout).toBe('alpha:3 beta:1 gamma:2 kube-root-ca.crt: ');
    const list = JSON.parse((await e.k.run(['get', 'deploy,cm', '-n', ns, '-o', 'json'])).stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`)).toEqual(['Deployment/web', 'ConfigMap/alpha', 'ConfigMap/beta', 'ConfigMap/gamma', 'ConfigMap/kube-root-ca.crt']);
  });

  it('shows labels, and filters with equality and set-based selectors', async () => {
    const shown = await e.k.run(['get', 'cm', '-n', ns, '--show-labels', '-l', 'env']);
    expect(headerOf(shown.stdout)).toBe('NAME DATA AGE LABELS');
    expect(parseTable(shown.stdout).map((r) => [r['NAME'], r['DATA'], r['LABELS']])).toEqual([
      ['alpha', '1', 'env=dev,tier=web'], ['beta', '2', 'env=prod,tier=web'], ['gamma', '1', 'env=prod'],
    ]);
    const names = async (selector: string) => (await e.k.run(['get', 'cm', '-n', ns, '-l', selector, '-o', 'name'])).stdout;
    expect(await names('env=prod')).toBe('configmap/beta\nconfigmap/gamma\n');
    expect(await names('env!=prod,tier')).toBe('configmap/alpha\n');
    expect(await names('env in (dev,staging)')).toBe('configmap/alpha\n');
    // notin also matches objects without the key, as in kube: the root CA ConfigMap too.
    expect(await names('env notin (dev),!tier')).toBe('configmap/gamma\nconfigmap/kube-root-ca.crt\n');
    const none = await e.k.run(['get', 'cm', '-n', ns, '-l', 'env=qa']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No resources found in ${ns} namespace.\n` });
  });

  it('lists across namespaces with -A, a NAMESPACE column first', async () => {
    const pods = await e.k.run(['get', 'pods', '-A']);
    expect(headerOf(pods.stdout)).toBe('NAMESPACE NAME READY STATUS RESTARTS AGE');
    expect(parseTable(pods.stdout).map((r) => r['NAMESPACE'])).toEqual([ns, ns]);
    const leases = await e.k.run(['get', 'leases', '-A']);
    expect(headerOf(leases.stdout)).toBe('NAMESPACE NAME HOLDER AGE');
    expect(parseTable(leases.stdout).map((r) => `${r['NAMESPACE']}/${r['NAME']} ${r['HOLDER']}`)).toEqual(['kube-node-lease/local-1 local-1', 'kube-node-lease/local-2 local-2']);
    const typed = await e.k.run(['get', 'deploy,cm', '-A', '-l', 'env=dev']);
    expect(typed.stdout.split('\n')[1]).toMatch(new RegExp(`^${ns}\\s+configmap/alpha\\s+1\\s+\\d+s$`));
  });

  it('filters with field selectors', async () => {
    const onNode = JSON.parse((await e.k.run(['get', 'pods', '-n', ns, '-o', 'json'])).stdout).items as { metadata: { name: string }; spec: { nodeName: string } }[];
    for (const node of ['local-1', 'local-2']) {
      const expected = onNode.filter((p) => p.spec.nodeName === node).map((p) => `pod/${p.metadata.name}\n`).join('');
      const got = await e.k.run(['get', 'pods', '-A', '--field-selector', `spec.nodeName=${node},status.phase=Running`, '-o', 'name']);
      expect(got.stdout).toBe(expected);
    }
    expect((await e.k.run(['get', 'cm', '-n', ns, '--field-selector', 'metadata.name!=beta', '-o', 'name'])).stdout).toBe('configmap/alpha\nconfigmap/gamma\nconfigmap/kube-root-ca.crt\n');
    const bad = await e.k.run(['get', 'pods', '-n', ns, '--field-selector', 'spec.color=blue']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.color=blue": field label not supported: spec.color\n');
  });

  it('sorts with --sort-by on a field of the full objects', async () => {
    const byRank = await e.k.run(['get', 'cm', '-n', ns, '-l', 'env', '--sort-by=.data.rank']);
    expect(parseTable(byRank.stdout).map((r) => r['NAME'])).toEqual(['beta', 'gamma', 'alpha']);
    const byName = await e.k.run(['get', 'cm', '-n', ns, '-l', 'env', '--sort-by=.metadata.name', '-o', 'name']);
    expect(byName.stdout).toBe('configmap/alpha\nconfigmap/beta\nconfigmap/gamma\n');
  });

  it('prints what kube-apiserver answers for missing objects and types', async () => {
    const missing = await e.k.run(['get', 'pod', 'ghost', '-n', ns]);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n' });
    const unknown = await e.k.run(['get', 'widgets']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
  });
});

describe('kubectl get -w', () => {
  it('prints a row for each change, and stops when killed', async () => {
    await e.k.run(['create', 'cm', 'seen', '-n', ns, '--from-literal=a=1']);
    await e.k.run(['label', 'cm', 'seen', '-n', ns, 'watched=yes']);
    const live = e.k.spawnLive(['get', 'cm', '-n', ns, '-l', 'watched', '-w', '--output-watch-events']);
    const row = (re: RegExp) => () => live.lines.some((l) => re.test(l));
    // The list comes first; changes after it arrive over the watch from the list's revision.
    await eventually('the listed row', row(/^ADDED\s+seen\s+1\s+\d+s$/), 20_000);
    await e.k.run(['patch', 'cm', 'seen', '-n', ns, '-p', '{"data":{"b":"2"}}']);
    await eventually('the MODIFIED row', row(/^MODIFIED\s+seen\s+2\s+\d+s$/), 20_000);
    await e.k.run(['create', 'cm', 'late', '-n', ns]);
    await e.k.run(['label', 'cm', 'late', '-n', ns, 'watched=yes']);
    await eventually('an ADDED row when an object starts matching', row(/^ADDED\s+late\s+0\s+\d+s$/), 20_000);
    await e.k.run(['label', 'cm', 'seen', '-n', ns, 'watched-']);
    await eventually('a DELETED row when it stops matching', row(/^DELETED\s+seen\s+2\s+\d+s$/), 20_000);
    await live.stop();
    expect(live.lines[0]).toMatch(/^EVENT\s+NAME\s+DATA\s+AGE$/);
    expect(live.lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['ADDED seen', 'MODIFIED seen', 'ADDED late', 'DELETED seen']);
    expect(live.stderr()).toBe('');
  });
});

describe('kubectl get events', () => {
  it('shows the FailedScheduling Warning of an unschedulable pod, sorted, Warnings only', async () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: huge, namespace: ${ns}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: "1000"}}\n`;
    expect((await e.k.run(['apply', '-f', e.k.file('huge.yaml', pod)])).stdout).toBe('pod/huge created\n');
    const args = ['get', 'events', '-n', ns, '--sort-by=.lastTimestamp', '--field-selector', 'type=Warning'];
    let out = '';
    await eventually('a FailedScheduling event', async () => {
      out = (await e.k.run(args)).stdout;
      return out.includes('FailedScheduling');
    }, 60_000);
    expect(headerOf(out)).toBe('LAST SEEN TYPE REASON OBJECT MESSAGE');
    expect(parseTable(out)).toEqual([{
      'LAST SEEN': expect.stringMatching(/^\d+s$/), TYPE: 'Warning', REASON: 'FailedScheduling', OBJECT: 'pod/huge',
      MESSAGE: '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    }]);
    // The Normal events (Scheduled, SuccessfulCreate, ScalingReplicaSet) are there, only filtered out.
    const normal = await e.k.run(['get', 'events', '-n', ns, '--field-selector', 'type=Normal', '-o', 'jsonpath={.items[*].reason}']);
    expect(normal.stdout.split(' ')).toEqual(expect.arrayContaining(['Scheduled', 'SuccessfulCreate', 'ScalingReplicaSet']));
    expect((await e.k.run(['get', 'pod', 'huge', '-n', ns, '-o', 'jsonpath={.status.phase} {.status.conditions[0].reason}'])).stdout).toBe('Pending Unschedulable');
  });
});

describe('discovery', () => {
  it('api-versions lists the served group versions', async () => {
    const res = await e.k.run(['api-versions']);
    const versions = res.stdout.trim().split('\n');
    expect(versions).toEqual([...versions].sort());
    expect(versions).toEqual(expect.arrayContaining(['apps/v1', 'coordination.k8s.io/v1', 'v1']));
  });

  it('api-resources lists the served kinds with short names, scope and kind', async () => {
    const res = await e.k.run(['api-resources']);
    expect(res.stderr).toBe('');
    expect(headerOf(res.stdout)).toBe('NAME SHORTNAMES APIVERSION NAMESPACED KIND');
    // Other groups may be served too; these are the kinds of the first three.
    const ours = parseTable(res.stdout).filter((r) => ['v1', 'apps/v1', 'coordination.k8s.io/v1'].includes(r['APIVERSION']!));
    expect(ours.map((r) => Object.values(r).filter(Boolean).join(' '))).toEqual([
      'configmaps cm v1 true ConfigMap',
      'endpoints ep v1 true Endpoints',
      'events ev v1 true Event',
      'namespaces ns v1 false Namespace',
      'nodes no v1 false Node',
      'pods po v1 true Pod',
      'secrets v1 true Secret',
      'serviceaccounts sa v1 true ServiceAccount',
      'services svc v1 true Service',
      'deployments deploy apps/v1 true Deployment',
      'replicasets rs apps/v1 true ReplicaSet',
      'leases coordination.k8s.io/v1 true Lease',
    ]);
    const wide = await e.k.run(['api-resources', '--api-group=apps', '-o', 'wide']);
    expect(headerOf(wide.stdout)).toBe('NAME SHORTNAMES APIVERSION NAMESPACED KIND VERBS CATEGORIES');
    expect(parseTable(wide.stdout).map((r) => `${r['NAME']} ${r['VERBS']} ${r['CATEGORIES']}`)).toEqual([
      'deployments create,delete,deletecollection,get,list,patch,update,watch all',
      'replicasets create,delete,deletecollection,get,list,patch,update,watch all',
    ]);
    expect((await e.k.run(['api-resources', '--namespaced=false', '--api-group=', '-o', 'name'])).stdout).toBe('namespaces\nnodes\n');
  });

  it('explain prints a field\'s type and description from the OpenAPI documents', async () => {
    const res = await e.k.run(['explain', 'deployment.spec.replicas']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n'
      + '    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n');
  });
});
