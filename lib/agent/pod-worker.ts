// One pod on this node, from binding to the final delete (kubelet's pod worker). Every
// sync is level-triggered: plan from the container records (pod-plan.ts), carry the plan
// out, run due probes, report the status if it changed. Syncs are serialized per pod and
// triggered by a newer pod from the poll, a container start or exit, a probe result, or
// the one timer the worker keeps for its next deadline (a back-off or probe period ends).
// Reporting lives in pod-reporter.ts; which Events a step produces, in pod-events.ts.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../core/clock.ts';
import { rfc3339 } from '../core/clock.ts';
import type { AgentApi, PodRef } from './agent-api.ts';
import type { BackoffConfig } from './backoff.ts';
import { isActive, lastExit, recordExit, type ContainerRecord } from './container-record.ts';
import { startContainerInstance } from './container-start.ts';
import { deletionGraceSeconds, MIN_GRACE_SECONDS } from './grace-period.ts';
import type { PodEventSink } from './event-recorder.ts';
import type { LogShipper } from './log-shipper.ts';
import { backOffEvent, containerRef, killingEvent, podWho, startEvents, unhealthyEvent, type ContainerRef, type PodEvent } from './pod-events.ts';
import { planPod, type PodAction } from './pod-plan.ts';
import { PodReporter, type PodView, type StatusWrite } from './pod-reporter.ts';
import { isFinishedPhase } from './pod-status.ts';
import type { ProbeKind } from './probe-tracker.ts';
import { ProbeSet } from './probe-set.ts';
import { seedRecords } from './record-seed.ts';
import { restartPolicyOf } from './restart-policy.ts';
import type { ContainerExit, ContainerRuntime, PodSandbox } from './runtimes/runtime.ts';
import type { StatusWriter } from './status-writer.ts';
import { WakeTimer } from './wake-timer.ts';

export interface WorkerDeps {
  api: AgentApi;
  runtime: ContainerRuntime;
  clock: Clock;
  statuses: StatusWriter<StatusWrite>;
  logs: LogShipper;
  events: PodEventSink;
  node: { hostIP: string; allocatable: Record<string, string> };
  backoff: BackoffConfig;
  log: (entry: Record<string, unknown>) => void;
}

interface Instance {
  id: string;
  probes: ProbeSet;
  close: () => void;
}

export class PodWorker {
  private pod: Pod;
  private readonly records: Map<string, ContainerRecord>;
  private readonly instances = new Map<string, Instance>();
  private sandbox: PodSandbox | undefined;
  private readonly startTime: string;
  private readonly reporter: PodReporter;
  private syncing = false;
  private again = false;
  private readonly timer: WakeTimer;
  private phase: 'active' | 'finalizing' | 'done' | 'stopped' = 'active';

  constructor(private readonly deps: WorkerDeps, pod: Pod) {
    this.pod = pod;
    const now = deps.clock.now();
    this.records = seedRecords(pod, now.getTime());
    this.startTime = pod.status?.startTime ?? rfc3339(now);
    this.timer = new WakeTimer(() => this.kick(), () => deps.clock.now().getTime());
    this.reporter = new PodReporter({ api: deps.api, runtime: deps.runtime, clock: deps.clock, statuses: deps.statuses, hostIP: deps.node.hostIP });
  }

  get ref(): PodRef {
    const m = this.pod.metadata ?? {};
    return { namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' };
  }

  /** The final delete went through (or the pod vanished): nothing more to do. */
  get done(): boolean {
    return this.phase === 'done';
  }

  update(pod: Pod): void {
    if (this.phase !== 'active') return;
    this.pod = pod;
    this.reporter.observe(pod);
    this.kick();
  }

  /** The pod vanished from the API (force-deleted): stop what runs, clean up, write nothing. */
  async forget(): Promise<void> {
    if (this.phase === 'done' || this.phase === 'stopped') return;
    this.phase = 'done';
    this.timer.clear();
    await Promise.all([...this.instances.values()].map((i) => this.deps.runtime.stopContainer(i.id, MIN_GRACE_SECONDS * 1000).catch(() => undefined)));
    if (this.sandbox) await this.deps.runtime.removePod(this.sandbox).catch(() => undefined);
  }

  /** The agent is stopping: no more syncs (the runtime's close() stops the containers). */
  shutdown(): void {
    this.phase = 'stopped';
    this.timer.clear();
  }

  kick(): void {
    if (this.phase !== 'active') return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    void (async () => {
      try {
        do {
          this.again = false;
          await this.sync();
        } while (this.again && this.phase === 'active');
      } catch (err) {
        this.deps.log({ msg: 'pod sync failed', pod: `${this.ref.namespace}/${this.ref.name}`, error: err instanceof Error ? err.message : String(err) });
        this.timer.wakeAt(this.deps.clock.now().getTime() + this.deps.backoff.initialMs);
      } finally {
        this.syncing = false;
      }
    })();
  }

  private get deleting(): boolean {
    return Boolean(this.pod.metadata?.deletionTimestamp);
  }

  private specOf(name: string): Container | undefined {
    const spec = this.pod.spec;
    return spec?.containers?.find((c) => c.name === name) ?? spec?.initContainers?.find((c) => c.name === name);
  }

  private containerRef(record: ContainerRecord): ContainerRef {
    return containerRef(this.specOf(record.name) ?? { name: record.name }, record.init);
  }

  private emit(...events: PodEvent[]): void {
    this.deps.events.emit({ ...this.ref, resourceVersion: this.pod.metadata?.resourceVersion }, events);
  }

  private view(): PodView {
    return { pod: this.pod, ref: this.ref, records: this.records, sandbox: this.sandbox, startTime: this.startTime };
  }

  private async sync(): Promise<void> {
    const nowMs = this.deps.clock.now().getTime();
    const finished = isFinishedPhase(this.pod.status?.phase) || isFinishedPhase(this.reporter.reportedPhase);
    if (!this.sandbox && !this.deleting && !finished) this.sandbox = await this.deps.runtime.preparePod(this.pod);
    const spec = this.pod.spec;
    const plan = planPod({
      initContainers: (spec?.initContainers ?? []).map((c) => c.name),
      containers: (spec?.containers ?? []).map((c) => c.name),
      records: this.records,
      restartPolicy: restartPolicyOf(spec?.restartPolicy),
      deleting: this.deleting,
      finished,
      nowMs,
      backoff: this.deps.backoff,
      who: (c) => `container=${c} pod=${podWho(this.ref)}`,
    });
    for (const action of plan.actions) this.apply(action);
    let next = plan.wakeAtMs ?? Infinity;
    for (const [name, inst] of this.instances) next = Math.min(next, this.probe(name, inst, nowMs));
    const idle = ![...this.records.values()].some(isActive);
    if (this.deleting) {
      // While terminating, only the terminal status is written: skiff's generic update
      // (lib/registry/generic/update.ts) removes any object that has a deletionTimestamp
      // and no finalizers on every update, status included, which would drop the pod
      // before its containers are stopped. kube only does that for a zero grace period.
      if (idle) await this.finalize();
      else if (next < Infinity) this.timer.wakeAt(next);
      return;
    }
    void this.reporter.report(this.view(), false);
    if (next < Infinity) this.timer.wakeAt(next);
  }

  private apply(action: PodAction): void {
    const record = this.records.get(action.name)!;
    switch (action.type) {
      case 'start':
        void this.start(record, action.backoff);
        break;
      case 'backoff':
        // Entering back-off is the transition that is reported; later syncs while waiting are not.
        if (record.state.kind === 'terminated') {
          record.last = record.state;
          this.emit(backOffEvent(this.containerRef(record), podWho(this.ref)));
        }
        record.state = { kind: 'waiting', reason: 'CrashLoopBackOff', message: action.message };
        break;
      case 'stop':
        if (this.stop(record, deletionGraceSeconds(this.pod))) this.emit(killingEvent(this.containerRef(record)));
        break;
    }
  }

  /** Asks the runtime to stop the running instance; false when nothing was running. */
  private stop(record: ContainerRecord, graceSeconds: number): boolean {
    const inst = this.instances.get(record.name);
    if (record.state.kind !== 'running' || !inst) return false;
    record.state.stopping = true;
    this.deps.runtime.stopContainer(inst.id, graceSeconds * 1000).catch((err: unknown) => {
      this.deps.log({ msg: 'stopping a container failed', pod: `${this.ref.namespace}/${this.ref.name}`, container: record.name, error: String(err) });
    });
    return true;
  }

  private async start(record: ContainerRecord, backoff: ContainerRecord['backoff']): Promise<void> {
    const container = this.specOf(record.name);
    if (!container || !this.sandbox) return;
    const previous = lastExit(record);
    const instance = record.instances;
    record.state = { kind: 'starting' };
    if (backoff) record.backoff = backoff;
    record.retryAtMs = undefined;
    const sink = this.deps.logs.sink({ ...this.ref, container: record.name, instance });
    let id: string | undefined;
    let earlyExit: ContainerExit | undefined;
    const hooks = {
      onOutput: (text: string) => sink.write(text),
      onExit: (exit: ContainerExit) => (id ? this.exited(record, id, exit) : (earlyExit = exit)),
    };
    const outcome = await startContainerInstance(
      { api: this.deps.api, runtime: this.deps.runtime, hostIP: this.deps.node.hostIP, allocatable: this.deps.node.allocatable },
      this.pod, this.sandbox, container, instance, hooks,
    ).catch((err: unknown) => ({ kind: 'config-error' as const, message: err instanceof Error ? err.message : String(err) }));
    const nowMs = this.deps.clock.now().getTime();
    if (this.phase !== 'done' && this.phase !== 'stopped') this.emit(...startEvents(containerRef(container, record.init), outcome));
    if (outcome.kind === 'config-error') {
      sink.close();
      record.state = { kind: 'waiting', reason: 'CreateContainerConfigError', message: outcome.message };
      record.retryAtMs = nowMs + this.deps.backoff.initialMs;
    } else {
      record.instances++;
      if (previous) record.last = previous;
      if (outcome.kind === 'cannot-run') {
        sink.close();
        record.state = { kind: 'terminated', exitCode: outcome.exitCode, reason: outcome.reason, message: outcome.message, startedAtMs: nowMs, finishedAtMs: nowMs, containerId: '' };
      } else if (this.phase === 'done' || this.phase === 'stopped') {
        // The pod went (or the agent is stopping) while this was starting: it must not linger.
        sink.close();
        await this.deps.runtime.stopContainer(outcome.id, 0).catch(() => undefined);
        return;
      } else {
        id = outcome.id;
        const probes = new ProbeSet(container, nowMs);
        record.state = { kind: 'running', containerId: id, startedAtMs: nowMs, stopping: false };
        Object.assign(record, probes.verdict());
        this.instances.set(record.name, { id, probes, close: () => sink.close() });
        if (earlyExit) this.exited(record, id, earlyExit);
      }
    }
    this.kick();
  }

  private exited(record: ContainerRecord, id: string, exit: ContainerExit): void {
    const inst = this.instances.get(record.name);
    if (!inst || inst.id !== id) return;
    this.instances.delete(record.name);
    inst.close();
    recordExit(record, id, exit, this.deps.clock.now().getTime());
    this.kick();
  }

  /** Starts due probes of one instance; returns when it next needs attention. */
  private probe(name: string, inst: Instance, nowMs: number): number {
    const record = this.records.get(name)!;
    const container = this.specOf(name);
    if (record.state.kind !== 'running' || record.state.stopping || !container || !this.sandbox) return Infinity;
    const sandbox = this.sandbox;
    for (const track of inst.probes.due(nowMs, record.started)) {
      inst.probes.begin(track.kind);
      const req = { sandbox, containerId: inst.id, container, probe: track.probe, timeoutMs: track.settings.timeoutMs };
      void this.deps.runtime.runProbe(req).catch(() => 'failure' as const).then((outcome) => {
        if (this.instances.get(name) !== inst) return;
        const failed = inst.probes.finish(track.kind, outcome, this.deps.clock.now().getTime());
        Object.assign(record, inst.probes.verdict());
        if (outcome === 'failure') this.emit(unhealthyEvent(this.containerRef(record), track.kind));
        if (failed && record.state.kind === 'running' && !record.state.stopping) this.restartFailed(record, failed, track.probe.terminationGracePeriodSeconds);
        this.kick();
      });
    }
    return inst.probes.nextAt(record.started);
  }

  private restartFailed(record: ContainerRecord, probe: ProbeKind, probeGrace: number | undefined): void {
    this.deps.log({ msg: `Container ${record.name} failed ${probe} probe, will be restarted`, pod: `${this.ref.namespace}/${this.ref.name}` });
    if (this.stop(record, probeGrace ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30)) this.emit(killingEvent(this.containerRef(record), probe));
  }

  /** Everything stopped: the terminal status and the final delete (pod-reporter.ts), then the sandbox goes. */
  private async finalize(): Promise<void> {
    this.phase = 'finalizing';
    this.timer.clear();
    try {
      await this.reporter.finalize(this.view());
    } catch (err) {
      this.phase = 'active';
      throw err;
    }
    if (this.sandbox) await this.deps.runtime.removePod(this.sandbox).catch(() => undefined);
    this.phase = 'done';
  }
}
