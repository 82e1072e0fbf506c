// Starting one container instance: read the ConfigMaps and Secrets its environment names
// (kubelet reads them at start, so an edit applies to the next restart), resolve the
// environment, expand command and args, and hand it to the runtime. Three outcomes, as
// kubelet distinguishes them: running; a config error (nothing ran, retried later); or the
// runtime could not run it (a termination that counts as a restart).
import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import type { AgentApi } from './agent-api.ts';
import { envSources, expandCommand, resolveEnv } from './env.ts';
import { ContainerStartError, type ContainerHooks, type ContainerRuntime, type PodSandbox } from './runtimes/runtime.ts';

export type StartOutcome =
  | { kind: 'running'; id: string }
  | { kind: 'config-error'; message: string }
  | { kind: 'cannot-run'; reason: string; message: string; exitCode: number };

export interface StartDeps {
  api: AgentApi;
  runtime: ContainerRuntime;
  hostIP: string;
  allocatable: Record<string, string>;
}

async function readAll<T>(names: Set<string>, read: (name: string) => Promise<T | undefined>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  await Promise.all([...names].map(async (n) => {
    const obj = await read(n);
    if (obj) out.set(n, obj);
  }));
  return out;
}

export async function startContainerInstance(
  deps: StartDeps, pod: Pod, sandbox: PodSandbox, container: Container, instance: number, hooks: ContainerHooks,
): Promise<StartOutcome> {
  const ns = pod.metadata?.namespace ?? 'default';
  const names = envSources(container);
  const [configMaps, secrets] = await Promise.all([
    readAll<ConfigMap>(names.configMaps, (n) => deps.api.getConfigMap(ns, n)),
    readAll<Secret>(names.secrets, (n) => deps.api.getSecret(ns, n)),
  ]);
  const env = resolveEnv({ pod, container, configMaps, secrets, runtime: { hostIP: deps.hostIP, podIP: sandbox.podIP }, allocatable: deps.allocatable });
  if (!env.ok) return { kind: 'config-error', message: env.message };
  const { command, args } = expandCommand(container, env.env);
  try {
    const started = await deps.runtime.startContainer({ pod, sandbox, container, env: env.env, command, args, instance }, hooks);
    return { kind: 'running', id: started.id };
  } catch (err) {
    if (err instanceof ContainerStartError) return { kind: 'cannot-run', reason: err.reason, message: err.message, exitCode: err.exitCode };
    throw err;
  }
}
