// In-memory stand-ins for the agent's two I/O seams: the apiserver (AgentApi) and a
// container runtime whose containers do what a test tells them.
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Event as CoreEvent, Node, Pod, PodStatus, Secret } from 'kubernetes-types/core/v1';
import { AgentApiError, type AgentApi, type LogChunkRef, type PodRef } from '../../../lib/agent/agent-api.ts';
import type { ProbeOutcome } from '../../../lib/agent/probe-tracker.ts';
import type { ContainerHooks, ContainerLaunch, ContainerRuntime, PodSandbox, ProbeRequest, StartedContainer } from '../../../lib/agent/runtimes/runtime.ts';

export class FakeApi implements AgentApi {
  nodes = new Map<string, Node>();
  leases = new Map<string, Lease>();
  pods: Pod[] = [];
  configMaps = new Map<string, ConfigMap>();
  statuses: { ref: PodRef; status: PodStatus }[] = [];
  deletes: PodRef[] = [];
  chunks: { ref: LogChunkRef; text: string }[] = [];
  /** Events by `<namespace>/<name>`, with the apiserver's create and patch semantics. */
  events = new Map<string, CoreEvent>();
  eventWrites: ('create' | 'patch')[] = [];
  private rv = 1;

  async getNode(name: string) { return this.nodes.get(name); }
  async createNode(node: Node) {
    if (this.nodes.has(node.metadata!.name!)) throw new AgentApiError(409, 'exists');
    const created = { ...node, metadata: { ...node.metadata, uid: 'node-uid' } };
    this.nodes.set(node.metadata!.name!, created);
    return created;
  }
  async patchNodeLabels() {}
  async patchNodeStatus(name: string, status: Node['status']) {
    const n = this.nodes.get(name);
    if (n) this.nodes.set(name, { ...n, status });
  }
  async getLease(_ns: string, name: string) { return this.leases.get(name); }
  async createLease(lease: Lease) {
    const l = { ...lease, metadata: { ...lease.metadata, resourceVersion: String(this.rv++) } };
    this.leases.set(lease.metadata!.name!, l);
    return l;
  }
  async replaceLease(lease: Lease) {
    const cur = this.leases.get(lease.metadata!.name!);
    if (cur?.metadata?.resourceVersion !== lease.metadata?.resourceVersion) throw new AgentApiError(409, 'conflict');
    return this.createLease(lease);
  }
  async listPods() { return this.pods; }
  async patchPodStatus(ref: PodRef, status: PodStatus) { this.statuses.push({ ref, status }); }
  async deletePod(ref: PodRef) { this.deletes.push(ref); }
  async getConfigMap(_ns: string, name: string) { return this.configMaps.get(name); }
  async getSecret(): Promise<Secret | undefined> { return undefined; }
  async appendLog(ref: LogChunkRef, text: string) { this.chunks.push({ ref, text }); }
  async createEvent(event: CoreEvent) {
    const key = `${event.metadata!.namespace}/${event.metadata!.name}`;
    if (this.events.has(key)) throw new AgentApiError(409, 'exists');
    this.eventWrites.push('create');
    this.events.set(key, structuredClone(event));
  }
  async patchEvent(namespace: string, name: string, patch: { count: number; lastTimestamp: string }) {
    const cur = this.events.get(`${namespace}/${name}`);
    if (!cur) throw new AgentApiError(404, 'not found');
    this.eventWrites.push('patch');
    this.events.set(`${namespace}/${name}`, { ...cur, ...patch });
  }
  close() {}

  /** Reasons of the stored Events in name order (which is time order), as `kubectl get events` lists them. */
  eventReasons(fieldPath?: string): string[] {
    return [...this.events.values()]
      .filter((e) => fieldPath === undefined || e.involvedObject.fieldPath === fieldPath)
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
      .map((e) => e.reason!);
  }

  lastStatus(): PodStatus | undefined {
    return this.statuses.at(-1)?.status;
  }
}

export interface FakeBehavior {
  /** Exit on its own right after starting, with this code. */
  exitCode?: number;
}

export class FakeRuntime implements ContainerRuntime {
  readonly kind = 'simulated';
  readonly version = 'fake://1';
  started: string[] = [];
  stopped: { name: string; graceMs: number }[] = [];
  behave: (container: string, instance: number) => FakeBehavior = () => ({});
  probe: (req: ProbeRequest) => ProbeOutcome = () => 'success';
  private readonly live = new Map<string, { name: string; hooks: ContainerHooks }>();
  private next = 1;

  async preparePod(pod: Pod): Promise<PodSandbox> {
    return { uid: pod.metadata!.uid!, namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, podIP: '10.9.9.9' };
  }

  async startContainer(launch: ContainerLaunch, hooks: ContainerHooks): Promise<StartedContainer> {
    const name = launch.container.name;
    const id = `fake://${this.next++}`;
    this.started.push(name);
    hooks.onOutput(`${name} run ${launch.instance} env ${launch.env.map(([k, v]) => `${k}=${v}`).join(',')}\n`);
    const b = this.behave(name, launch.instance);
    if (b.exitCode !== undefined) setImmediate(() => hooks.onExit({ exitCode: b.exitCode! }));
    else this.live.set(id, { name, hooks });
    return { id };
  }

  async stopContainer(id: string, graceMs: number): Promise<void> {
    const c = this.live.get(id);
    if (!c) return;
    this.live.delete(id);
    this.stopped.push({ name: c.name, graceMs });
    c.hooks.onExit({ exitCode: 143 });
  }

  async runProbe(req: ProbeRequest): Promise<ProbeOutcome> {
    return this.probe(req);
  }

  async removePod(): Promise<void> {}
  imageId(): string { return 'fake-image'; }
  async close(): Promise<void> { this.live.clear(); }
  get running(): string[] { return [...this.live.values()].map((c) => c.name); }
}

/** Polls until `check` holds (never a fixed sleep); the deadline is generous for a loaded 2-core CI. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
