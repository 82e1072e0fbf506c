// The one interface every container runtime implements (process, docker, simulated). A
// runtime prepares a pod's sandbox (working directory, volumes, an IP), runs container
// instances and reports their output and exit through hooks, stops them with a grace
// period, and runs probes the way its containers can be reached.
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { ProbeOutcome } from '../probe-tracker.ts';

export type RuntimeKind = 'process' | 'docker' | 'simulated';

export interface PodSandbox {
  uid: string;
  namespace: string;
  name: string;
  podIP: string;
  /** The pod's directory on the host (process and docker runtimes). */
  dir?: string;
}

export interface ContainerLaunch {
  pod: Pod;
  sandbox: PodSandbox;
  container: Container;
  /** Resolved, in order. */
  env: readonly [string, string][];
  /** With $(VAR) expanded. */
  command: readonly string[];
  args: readonly string[];
  /** 0 for the first run, then the restart count. */
  instance: number;
}

export interface ContainerExit {
  exitCode: number;
  /** The signal that ended it, if one did. */
  signal?: number;
  /** Overrides "Completed"/"Error" (e.g. OOMKilled from docker). */
  reason?: string;
  message?: string;
}

export interface ContainerHooks {
  onOutput(text: string): void;
  /** Called once, after the output has been delivered. */
  onExit(exit: ContainerExit): void;
}

/** The runtime could not run the container at all (kubelet: a ContainerCannotRun termination). */
export class ContainerStartError extends Error {
  constructor(readonly reason: string, message: string, readonly exitCode = 128) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export interface StartedContainer {
  /** `<runtime>://<id>`, as containerStatuses[].containerID shows it. */
  id: string;
}

export interface ProbeRequest {
  sandbox: PodSandbox;
  containerId: string;
  container: Container;
  probe: Probe;
  timeoutMs: number;
}

export interface ContainerRuntime {
  readonly kind: RuntimeKind;
  /** nodeInfo.containerRuntimeVersion, e.g. "process://1". */
  readonly version: string;
  preparePod(pod: Pod): Promise<PodSandbox>;
  startContainer(launch: ContainerLaunch, hooks: ContainerHooks): Promise<StartedContainer>;
  /** SIGTERM (or the runtime's equivalent), then a kill after `graceMs`; resolves once it exited. */
  stopContainer(id: string, graceMs: number): Promise<void>;
  runProbe(req: ProbeRequest): Promise<ProbeOutcome>;
  /** Removes what preparePod made; containers are stopped already. */
  removePod(sandbox: PodSandbox): Promise<void>;
  /** imageID for a container's status. */
  imageId(container: Container): string;
  /** Kills everything still running (agent shutdown). */
  close(): Promise<void>;
}
