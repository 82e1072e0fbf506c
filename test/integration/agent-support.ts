// Shared by the agent integration tests: a test cluster with an admin client, node tokens,
// agents started over HTTPS with their own tokens, and binding pods by hand (there is no
// scheduler in these tests).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { startAgent, type Agent, type AgentOptions } from '../../lib/agent/agent.ts';
import { kubeAgentApi } from '../../lib/agent/kube-agent-api.ts';
import type { ContainerRuntime } from '../../lib/agent/runtimes/runtime.ts';
import { issueToken } from '../../lib/auth/issue-token.ts';
import { nodeUser } from '../../lib/auth/tokens.ts';
import { systemClock } from '../../lib/core/clock.ts';
import type { TestCluster } from '../support/test-cluster.ts';

export function adminClient(cluster: TestCluster): k8s.CoreV1Api {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  return kc.makeApiClient(k8s.CoreV1Api);
}

export function nodeToken(cluster: TestCluster, node: string): Promise<string> {
  return issueToken(cluster.deps.tokens, nodeUser(node), new Date(), randomBytes);
}

export async function startTestAgent(
  cluster: TestCluster, name: string, runtime: (stateDir: string) => ContainerRuntime, opts: Partial<AgentOptions> = {},
): Promise<{ agent: Agent; stateDir: string; logs: Record<string, unknown>[] }> {
  const stateDir = mkdtempSync(join(tmpdir(), `skiff-agent-${name}-`));
  const api = kubeAgentApi({ server: cluster.url, token: await nodeToken(cluster, name), caPem: cluster.caCertPem });
  const logs: Record<string, unknown>[] = [];
  const agent = startAgent({ api, clock: systemClock, log: (e) => logs.push(e) }, {
    name, runtime: runtime(stateDir), address: '127.0.0.1', pollIntervalMs: 200, leaseRenewMs: 1000, ...opts,
  });
  await agent.ready;
  return { agent, stateDir, logs };
}

export async function bind(core: k8s.CoreV1Api, namespace: string, pod: string, node: string): Promise<void> {
  await core.createNamespacedPodBinding({ namespace, name: pod, body: { metadata: { name: pod }, target: { kind: 'Node', name: node } } });
}

/** The pod, or undefined once it is gone. */
export async function podOrGone(core: k8s.CoreV1Api, namespace: string, name: string): Promise<k8s.V1Pod | undefined> {
  try {
    return await core.readNamespacedPod({ namespace, name });
  } catch (err) {
    if (err instanceof k8s.ApiException && err.code === 404) return undefined;
    throw err;
  }
}

export function condition(pod: k8s.V1Pod | undefined, type: string): string | undefined {
  return pod?.status?.conditions?.find((c) => c.type === type)?.status;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
