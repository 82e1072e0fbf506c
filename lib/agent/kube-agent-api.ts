// AgentApi over HTTPS through @kubernetes/client-node, authenticated with the node's
// bearer token. One keep-alive connection pool serves every call (client-node's
// KubeConfig would make a new TLS agent per request, which thousands of simulated pods
// cannot afford). client-node turns timestamps into Date objects; objects handed to the
// agent are turned back into kube's JSON so the agent's pure code sees what the API sent.
import http from 'node:http';
import https from 'node:https';
import * as k8s from '@kubernetes/client-node';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Event as CoreEvent, Node, NodeStatus, Pod, PodStatus, Secret } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../core/clock.ts';
import { AgentApiError, type AgentApi, type LogChunkRef, type PodRef } from './agent-api.ts';

export interface KubeAgentApiOptions {
  /** https://host:port of the apiserver. */
  server: string;
  token: string;
  /** PEM of the CA that signed the apiserver's certificate; absent, the system roots. */
  caPem?: string;
  /** Parallel connections to the apiserver (default 16). */
  maxSockets?: number;
}

/** client-node's Dates back to RFC 3339 strings, recursively. */
function plain<T>(value: unknown): T {
  if (value instanceof Date) return rfc3339(value) as T;
  if (Array.isArray(value)) return value.map((v) => plain(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out as T;
  }
  return value as T;
}

function messageOf(body: unknown, fallback: string): string {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') return (parsed as { message: string }).message;
  } catch {
    // not JSON
  }
  return typeof body === 'string' && body ? body : fallback;
}

async function call<T>(p: Promise<unknown>): Promise<T> {
  try {
    return plain<T>(await p);
  } catch (err) {
    if (err instanceof k8s.ApiException) throw new AgentApiError(err.code, messageOf(err.body, err.message));
    throw err;
  }
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AgentApiError && err.code === 404) return undefined;
    throw err;
  }
}

const strategic = () => k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);
const merge = () => k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/** The generated clients type bodies with their model classes; kube JSON is what they send. */
const body = <T>(obj: unknown): T => obj as T;

/** The agent's writes are recorded in managedFields as kubelet's are (kube takes it from kubelet's User-Agent). */
const fieldManager = 'kubelet';

export function kubeAgentApi(opts: KubeAgentApiOptions): AgentApi {
  const server = opts.server.replace(/\/+$/, '');
  const pool = server.startsWith('http:')
    ? new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 16 })
    : new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 16, ca: opts.caPem });
  const auth: k8s.SecurityAuthentication = {
    getName: () => 'skiff-node-token',
    applySecurityAuthentication: (ctx) => {
      ctx.setHeaderParam('Authorization', `Bearer ${opts.token}`);
      ctx.setAgent(pool);
    },
  };
  const config = k8s.createConfiguration({ baseServer: new k8s.ServerConfiguration(server, {}), authMethods: { default: auth } });
  const core = new k8s.CoreV1Api(config);
  const coordination = new k8s.CoordinationV1Api(config);

  return {
    getNode: (name) => orUndefined(call<Node>(core.readNode({ name }))),
    createNode: (node) => call<Node>(core.createNode({ body: body<k8s.V1Node>(node), fieldManager })),
    patchNodeLabels: async (name, labels) => {
      await call(core.patchNode({ name, body: { metadata: { labels } }, fieldManager }, merge()));
    },
    patchNodeStatus: async (name, status: NodeStatus) => {
      await call(core.patchNodeStatus({ name, body: { status }, fieldManager }, strategic()));
    },
    getLease: (namespace, name) => orUndefined(call<Lease>(coordination.readNamespacedLease({ namespace, name }))),
    createLease: (lease) => call<Lease>(coordination.createNamespacedLease({ namespace: lease.metadata!.namespace!, body: body<k8s.V1Lease>(lease), fieldManager })),
    replaceLease: (lease) => call<Lease>(coordination.replaceNamespacedLease({ namespace: lease.metadata!.namespace!, name: lease.metadata!.name!, body: body<k8s.V1Lease>(lease), fieldManager })),
    listPods: async (nodeName) => (await call<{ items: Pod[] }>(core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${nodeName}` }))).items,
    patchPodStatus: async (pod: PodRef, status: PodStatus) => {
      // The uid makes the patch apply only to the pod this status is about (kubelet does the same).
      await call(core.patchNamespacedPodStatus({ namespace: pod.namespace, name: pod.name, body: { metadata: { uid: pod.uid }, status }, fieldManager }, strategic()));
    },
    deletePod: async (pod: PodRef) => {
      await call(core.deleteNamespacedPod({ namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0, body: { gracePeriodSeconds: 0, preconditions: { uid: pod.uid } } }));
    },
    getConfigMap: (namespace, name) => orUndefined(call<ConfigMap>(core.readNamespacedConfigMap({ namespace, name }))),
    getSecret: (namespace, name) => orUndefined(call<Secret>(core.readNamespacedSecret({ namespace, name }))),
    appendLog: async (ref: LogChunkRef, text: string) => {
      const q = new URLSearchParams({ container: ref.container, instance: String(ref.instance), seq: String(ref.seq), podUID: ref.uid });
      const path = `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/pods/${encodeURIComponent(ref.name)}/log?${q}`;
      const ctx = new k8s.RequestContext(`${server}${path}`, k8s.HttpMethod.POST);
      ctx.setHeaderParam('Content-Type', 'text/plain; charset=utf-8');
      ctx.setBody(text);
      await auth.applySecurityAuthentication(ctx);
      const res = await config.httpApi.send(ctx).toPromise();
      if (res.httpStatusCode >= 300) throw new AgentApiError(res.httpStatusCode, messageOf(await res.body.text(), `HTTP ${res.httpStatusCode}`));
    },
    createEvent: async (event: CoreEvent) => {
      await call(core.createNamespacedEvent({ namespace: event.metadata!.namespace!, body: body<k8s.CoreV1Event>(event) }));
    },
    patchEvent: async (namespace, name, patch) => {
      await call(core.patchNamespacedEvent({ namespace, name, body: patch }, strategic()));
    },
    close: () => pool.destroy(),
  };
}
