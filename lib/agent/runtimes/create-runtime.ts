// Builds the runtime a node agent was asked for.
import type { ContainerRuntime, RuntimeKind } from './runtime.ts';
import { loadDockerClient } from './docker-client.ts';
import { DockerRuntime } from './docker-runtime.ts';
import { ProcessRuntime } from './process-runtime.ts';
import { SimulatedRuntime } from './simulated-runtime.ts';

export const RUNTIME_KINDS: readonly RuntimeKind[] = ['process', 'docker', 'simulated'];

export interface RuntimeOptions {
  kind: RuntimeKind;
  nodeName: string;
  /** Where pod directories go (process and docker). */
  stateDir: string;
  /** The node's IP (the process runtime's pods share it). */
  hostIP: string;
  /** Simulated: how long containers take to turn Running. */
  startDelayMs?: number;
  /** Docker: the engine's socket (default the client's own default). */
  dockerSocket?: string;
}

export async function createRuntime(opts: RuntimeOptions): Promise<ContainerRuntime> {
  switch (opts.kind) {
    case 'process':
      return new ProcessRuntime({ stateDir: opts.stateDir, hostIP: opts.hostIP });
    case 'simulated':
      return new SimulatedRuntime({ nodeName: opts.nodeName, startDelayMs: opts.startDelayMs });
    case 'docker':
      return new DockerRuntime({ docker: await loadDockerClient(opts.dockerSocket), stateDir: opts.stateDir });
  }
}
