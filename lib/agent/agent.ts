// The node agent (skiff's kubelet): registers its Node, keeps its Lease and status fresh,
// polls the pods bound to it and runs each through a PodWorker on the configured runtime.
// It talks to the apiserver only through AgentApi (HTTPS with the node's token in
// production). Stopping the agent stops its containers but leaves the API alone, as a
// kubelet that goes away does: the node lifecycle controller notices the silence.
import type { Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../core/clock.ts';
import { isApiError, type AgentApi } from './agent-api.ts';
import { KUBELET_BACKOFF, type BackoffConfig } from './backoff.ts';
import { LogShipper } from './log-shipper.ts';
import { every, type Loop } from './loop.ts';
import { machineFacts, type Capacity } from './machine.ts';
import { NodeHeartbeat } from './node-heartbeat.ts';
import type { NodeFacts } from './node-object.ts';
import { EventRecorder } from './event-recorder.ts';
import type { StatusWrite } from './pod-reporter.ts';
import { PodWorker } from './pod-worker.ts';
import type { ContainerRuntime } from './runtimes/runtime.ts';
import { StatusWriter } from './status-writer.ts';

export interface AgentDeps {
  api: AgentApi;
  clock: Clock;
  log?: (entry: Record<string, unknown>) => void;
}

export interface AgentOptions {
  name: string;
  runtime: ContainerRuntime;
  /** How often the pods bound to this node are listed (default 1000 ms). */
  pollIntervalMs?: number;
  /** How often the Lease is renewed and the node status checked (default 10 000 ms). */
  leaseRenewMs?: number;
  /** Re-report an unchanged node status this often (default 5 min). */
  nodeStatusReportMs?: number;
  /** Absent parts come from this machine (node:os). */
  capacity?: Partial<Capacity>;
  labels?: Record<string, string>;
  /** The node's InternalIP (default: the first non-internal IPv4 address). */
  address?: string;
  /** Crash-loop back-off (default kubelet's 10 s doubling to 5 min). */
  backoff?: Partial<BackoffConfig>;
  /** Pod status writes in flight at once (default 16). */
  statusConcurrency?: number;
  /** How long container output is gathered before it is sent (default 250 ms). */
  logFlushMs?: number;
}

export interface Agent {
  readonly name: string;
  readonly facts: NodeFacts;
  /** Resolves once the node is registered and pods have been listed once. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export function startAgent(deps: AgentDeps, opts: AgentOptions): Agent {
  const log = deps.log ?? (() => undefined);
  const { api, clock } = deps;
  const facts = machineFacts({
    name: opts.name, runtimeVersion: opts.runtime.version, simulated: opts.runtime.kind === 'simulated',
    capacity: opts.capacity, labels: opts.labels, address: opts.address,
  });
  const heartbeat = new NodeHeartbeat(api, facts, clock, { reportEveryMs: opts.nodeStatusReportMs ?? 300_000 });
  const gone = (err: unknown) => isApiError(err, 404) || isApiError(err, 409);
  const statuses = new StatusWriter<StatusWrite>((_uid, w) => api.patchPodStatus(w.ref, w.status), { concurrency: opts.statusConcurrency, isFinal: gone, log });
  const logs = new LogShipper((ref, text) => api.appendLog(ref, text), { flushMs: opts.logFlushMs, isFinal: gone, log });
  const backoff: BackoffConfig = { ...KUBELET_BACKOFF, ...opts.backoff };
  const workers = new Map<string, PodWorker>();
  const events = new EventRecorder(api, clock, opts.name, log);
  const workerDeps = { api, runtime: opts.runtime, clock, statuses, logs, events, node: { hostIP: facts.address, allocatable: { ...facts.capacity } }, backoff, log };

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let polledOnce = false;

  const beat: Loop = every(opts.leaseRenewMs ?? 10_000, async () => {
    const wasRegistered = heartbeat.registered;
    await heartbeat.beat();
    if (!wasRegistered) {
      log({ msg: 'node registered', node: opts.name });
      pods.nudge();
    }
  }, (err) => {
    log({ msg: 'node heartbeat failed', node: opts.name, error: String(err) });
  });

  const pods: Loop = every(opts.pollIntervalMs ?? 1000, async () => {
    if (!heartbeat.registered) return;
    const listed = await api.listPods(opts.name);
    syncWorkers(listed);
    if (!polledOnce) {
      polledOnce = true;
      markReady();
    }
  }, (err) => log({ msg: 'listing pods failed', node: opts.name, error: String(err) }));

  function syncWorkers(listed: Pod[]): void {
    const seen = new Set<string>();
    for (const pod of listed) {
      const uid = pod.metadata?.uid;
      if (!uid) continue;
      seen.add(uid);
      const worker = workers.get(uid);
      if (worker) worker.update(pod);
      else {
        const w = new PodWorker(workerDeps, pod);
        workers.set(uid, w);
        w.kick();
      }
    }
    for (const [uid, worker] of workers) {
      if (seen.has(uid)) continue;
      workers.delete(uid);
      void worker.forget();
    }
  }

  return {
    name: opts.name,
    facts,
    ready,
    async stop() {
      await Promise.all([beat.stop(), pods.stop()]);
      for (const w of workers.values()) w.shutdown();
      await opts.runtime.close();
      await Promise.all([logs.flush(2000), events.flush(2000)]);
      logs.stop();
      statuses.close();
      api.close();
    },
  };
}
