// The simulated runtime (what kwok does for kube): nothing runs. A container turns Running
// after a configurable delay and keeps running until stopped, when it exits 0; every probe
// passes; pod IPs are handed out from 10.x.y.z. Cheap enough for thousands of pods per
// agent: starts wait on one shared timer and nothing else keeps time.
import { createHash } from 'node:crypto';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ProbeOutcome } from '../probe-tracker.ts';
import { DelayQueue } from './delay-queue.ts';
import type { ContainerHooks, ContainerLaunch, ContainerRuntime, PodSandbox, StartedContainer } from './runtime.ts';

export interface SimulatedRuntimeOptions {
  /** Names the node, so different simulated nodes hand out different pod IPs. */
  nodeName: string;
  /** How long a container takes to turn Running (default 1000 ms). */
  startDelayMs?: number;
}

export class SimulatedRuntime implements ContainerRuntime {
  readonly kind = 'simulated';
  readonly version = 'simulated://1';
  private readonly delays = new DelayQueue();
  private readonly running = new Map<string, ContainerHooks>();
  private readonly subnet: number;
  private nextHost = 1;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: SimulatedRuntimeOptions) {
    this.subnet = createHash('sha256').update(opts.nodeName).digest().readUInt8(0);
  }

  async preparePod(pod: Pod): Promise<PodSandbox> {
    const n = this.nextHost++;
    const podIP = `10.${this.subnet}.${(n >> 8) & 255}.${n & 255}`;
    return { uid: pod.metadata?.uid ?? '', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', podIP };
  }

  async startContainer(_launch: ContainerLaunch, hooks: ContainerHooks): Promise<StartedContainer> {
    await this.delays.wait(this.opts.startDelayMs ?? 1000);
    const id = `simulated://${(this.nextId++).toString(16).padStart(12, '0')}`;
    if (!this.closed) this.running.set(id, hooks);
    return { id };
  }

  async stopContainer(id: string): Promise<void> {
    const hooks = this.running.get(id);
    if (!hooks) return;
    this.running.delete(id);
    hooks.onExit({ exitCode: 0 });
  }

  async runProbe(): Promise<ProbeOutcome> {
    return 'success';
  }

  async removePod(): Promise<void> {}

  imageId(container: Container): string {
    return `simulated://${container.image ?? ''}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.delays.flush();
    this.running.clear();
  }
}
