// Shared by the workload e2e files: one real `skiff up --nodes N --runtime simulated` per
// file, the real kubectl against the kubeconfig it prints, and a client-node client for
// fast sampling. Everything waits by polling with a deadline, never by sleeping.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { expect } from 'vitest';
import { kubectlRunner } from '../support/kubectl.ts';
import { eventually } from '../support/pipeline.ts';
import { startSkiff, type RunningSkiff } from '../support/skiff-process.ts';

export interface E2eCluster {
  home: string;
  kubeconfig: string;
  skiff: RunningSkiff;
  kubectl: ReturnType<typeof kubectlRunner>;
  core: k8s.CoreV1Api;
  apps: k8s.AppsV1Api;
  stop(): Promise<void>;
}

export async function upSimulated(nodes: number): Promise<E2eCluster> {
  const home = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
  // A generous start deadline: CI machines are shared, and DynamoDB Local's JVM starts slowly under load.
  const skiff = await startSkiff(['--in-memory', '--port', '0', '--home', home, '--nodes', String(nodes), '--runtime', 'simulated'], 180_000);
  const exportLine = skiff.output().split('\n').find((l) => l.startsWith('export KUBECONFIG='));
  const kubeconfig = exportLine!.slice('export KUBECONFIG='.length).trim();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const cluster: E2eCluster = {
    home, kubeconfig, skiff, kubectl: kubectlRunner(kubeconfig),
    core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api),
    stop: async () => {
      await skiff.stop('SIGTERM');
    },
  };
  await eventually(`${nodes} Ready nodes`, async () => (await readyNodes(cluster)).length === nodes, 60_000);
  return cluster;
}

export async function readyNodes(c: E2eCluster): Promise<string[]> {
  const nodes = (await c.core.listNode()).items;
  return nodes.filter((n) => n.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((n) => n.metadata!.name!);
}

/** kubectl that must succeed; returns stdout. */
export async function kubectlOk(c: E2eCluster, args: string[], input?: string): Promise<string> {
  const r = await c.kubectl.run(args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export async function apply(c: E2eCluster, yaml: string): Promise<void> {
  const r = await c.kubectl.run(['apply', '-f', '-'], { input: yaml });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/**
 * Waits (by polling, with a generous deadline: the machine is shared) until the Deployment
 * is complete as `kubectl rollout status` judges it, then has kubectl say so. kubectl's own
 * wait is not used for the waiting: the runner kills kubectl after 60 s.
 */
export async function rolloutStatus(c: E2eCluster, name: string, namespace = 'default'): Promise<void> {
  await eventually(`deployment ${name} rolled out`, async () => {
    const d = await c.apps.readNamespacedDeployment({ namespace, name });
    const want = d.spec?.replicas ?? 1;
    const s = d.status ?? {};
    return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) && (s.updatedReplicas ?? 0) === want
      && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
  }, 150_000);
  const r = await c.kubectl.run(['rollout', 'status', `deployment/${name}`, '-n', namespace, '--timeout=30s']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(`deployment "${name}" successfully rolled out`);
  expect(r.code).toBe(0);
}

export interface DeploymentOptions {
  replicas: number;
  image: string;
  app?: string;
  namespace?: string;
  /** Extra YAML under spec (indented by the caller to 2 spaces). */
  specExtra?: string;
  /** Extra YAML under the pod spec (indented by the caller to 6 spaces). */
  podExtra?: string;
}

export function deployment(name: string, o: DeploymentOptions): string {
  const app = o.app ?? name;
  // Requests make the scheduler's least-allocated score spread the pods over the nodes.
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${o.namespace ?? 'default'}
spec:
  replicas: ${o.replicas}
  selector:
    matchLabels: {app: ${app}}
${o.specExtra ?? ''}  template:
    metadata:
      labels: {app: ${app}}
    spec:
      terminationGracePeriodSeconds: 1
${o.podExtra ?? ''}      containers:
      - name: c
        image: ${o.image}
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
}

export function service(name: string, app = name, namespace = 'default'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector: {app: ${app}}
  ports: [{name: web, port: 80, targetPort: http}]
`;
}

export const isActive = (p: k8s.V1Pod) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
export const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export async function pods(c: E2eCluster, selector: string, namespace = 'default'): Promise<k8s.V1Pod[]> {
  return (await c.core.listNamespacedPod({ namespace, labelSelector: selector })).items;
}

export async function activePods(c: E2eCluster, selector: string, namespace = 'default'): Promise<k8s.V1Pod[]> {
  return (await pods(c, selector, namespace)).filter(isActive);
}

/**
 * Samples the pods until stopped, recording every instant outside the bounds. Each round
 * is one list over HTTPS; the short pause between rounds only paces the sampling on a
 * shared 2-core machine, nothing waits on it.
 */
export function sampleBounds(c: E2eCluster, selector: string, bounds: { maxActive: number; minReady: number }) {
  const violations: string[] = [];
  let samples = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const active = await activePods(c, selector);
      const ready = active.filter(isReady).length;
      if (active.length > bounds.maxActive) violations.push(`${active.length} active pods (max ${bounds.maxActive})`);
      if (ready < bounds.minReady) violations.push(`${ready} ready pods (min ${bounds.minReady})`);
      samples++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return { violations, samples: () => samples, stop: async () => { running = false; await done; } };
}
