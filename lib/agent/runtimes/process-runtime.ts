// The process runtime: each container instance is `command + args` run as a host process
// (its own process group, so a stop reaches its children too), in the pod's directory,
// with the container's environment plus PATH from the agent, HOME and HOSTNAME, and the
// volume variables of pod-dirs.ts. The pod shares the host's network: its IP is the
// node's. Output goes to the hooks and to a log file per instance.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Pod } from 'kubernetes-types/core/v1';
import { httpGetProbe, tcpSocketProbe } from '../probe-actions.ts';
import type { ProbeOutcome } from '../probe-tracker.ts';
import { logFile, preparePodDir, removePodDir, volumeEnv } from './pod-dirs.ts';
import { ContainerStartError, type ContainerHooks, type ContainerLaunch, type ContainerRuntime, type PodSandbox, type ProbeRequest, type StartedContainer } from './runtime.ts';

export interface ProcessRuntimeOptions {
  stateDir: string;
  /** The node's IP, which is every pod's IP here. */
  hostIP: string;
}

interface Proc {
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
  cwd: string;
  exited: Promise<void>;
}

export const NO_COMMAND_MESSAGE = 'the process runtime needs spec.containers[].command';

/** How long output may trail the exit before the exit is reported anyway (a child kept the pipe). */
const OUTPUT_DRAIN_MS = 500;

function signalNumber(signal: NodeJS.Signals | null): number | undefined {
  return signal ? (constants.signals as Record<string, number>)[signal] : undefined;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export class ProcessRuntime implements ContainerRuntime {
  readonly kind = 'process';
  readonly version = 'process://1';
  private readonly procs = new Map<string, Proc>();

  constructor(private readonly opts: ProcessRuntimeOptions) {}

  async preparePod(pod: Pod): Promise<PodSandbox> {
    const dir = await preparePodDir(this.opts.stateDir, pod);
    return { uid: pod.metadata?.uid ?? '', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', podIP: this.opts.hostIP, dir };
  }

  async startContainer(launch: ContainerLaunch, hooks: ContainerHooks): Promise<StartedContainer> {
    const argv = [...launch.command, ...launch.args];
    if (!launch.command.length) throw new ContainerStartError('ContainerCannotRun', NO_COMMAND_MESSAGE);
    const cwd = launch.sandbox.dir!;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: cwd,
      HOSTNAME: launch.pod.metadata?.name ?? '',
      ...Object.fromEntries(volumeEnv(cwd, launch.container)),
      ...Object.fromEntries(launch.env),
    };
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ENOENT' ? 'executable file not found in $PATH' : err.code === 'EACCES' ? 'permission denied' : err.message;
        reject(new ContainerStartError('ContainerCannotRun', `exec: "${argv[0]}": ${why}`));
      });
    });
    const id = `process://${child.pid}`;
    const file = logFile(cwd, launch.container.name, launch.instance);
    mkdirSync(dirname(file), { recursive: true });
    const out = createWriteStream(file, { flags: 'a' });
    this.pipeOutput(child, hooks, out);
    const exited = this.watchExit(child, hooks, out, id);
    this.procs.set(id, { child, env, cwd, exited });
    return { id };
  }

  private pipeOutput(child: ChildProcess, hooks: ContainerHooks, out: WriteStream): void {
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (chunk: Buffer) => {
        out.write(chunk);
        const text = decoder.write(chunk);
        if (text) hooks.onOutput(text);
      });
      stream?.on('end', () => {
        const rest = decoder.end();
        if (rest) hooks.onOutput(rest);
      });
    }
  }

  private watchExit(child: ChildProcess, hooks: ContainerHooks, out: WriteStream, id: string): Promise<void> {
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    return new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        // Let the pipes drain so the log is complete before the exit is reported.
        const drained = new Promise<void>((r) => setTimeout(r, OUTPUT_DRAIN_MS).unref());
        void Promise.race([closed, drained]).then(() => {
          out.end();
          this.procs.delete(id);
          const sig = signalNumber(signal);
          hooks.onExit({ exitCode: code ?? 128 + (sig ?? 0) });
          resolve();
        });
      });
    });
  }

  async stopContainer(id: string, graceMs: number): Promise<void> {
    const proc = this.procs.get(id);
    if (!proc) return;
    killGroup(proc.child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'grace'>((r) => (timer = setTimeout(() => r('grace'), graceMs)));
    const outcome = await Promise.race([proc.exited.then(() => 'exited' as const), grace]);
    clearTimeout(timer);
    if (outcome === 'grace') killGroup(proc.child.pid, 'SIGKILL');
    await proc.exited;
    // Whatever the main process left behind in its group goes too.
    killGroup(proc.child.pid, 'SIGKILL');
  }

  async runProbe(req: ProbeRequest): Promise<ProbeOutcome> {
    const { probe, container, timeoutMs } = req;
    if (probe.exec) return this.execProbe(req.containerId, probe.exec.command ?? [], timeoutMs);
    if (probe.httpGet) return httpGetProbe(probe.httpGet, req.sandbox.podIP, container, timeoutMs);
    if (probe.tcpSocket) return tcpSocketProbe(probe.tcpSocket, req.sandbox.podIP, container, timeoutMs);
    return 'failure';
  }

  /** exec probes run in the container's directory with its environment, and must exit 0 in time. */
  private execProbe(containerId: string, command: readonly string[], timeoutMs: number): Promise<ProbeOutcome> {
    const proc = this.procs.get(containerId);
    if (!proc || !command.length) return Promise.resolve('failure');
    return new Promise((resolve) => {
      const child = spawn(command[0]!, command.slice(1), { cwd: proc.cwd, env: proc.env, detached: true, stdio: 'ignore' });
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
      child.once('error', () => {
        clearTimeout(timer);
        resolve('failure');
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? 'success' : 'failure');
      });
    });
  }

  async removePod(sandbox: PodSandbox): Promise<void> {
    if (sandbox.dir) await removePodDir(sandbox.dir);
  }

  imageId(): string {
    return '';
  }

  async close(): Promise<void> {
    await Promise.all([...this.procs.keys()].map((id) => this.stopContainer(id, 1000)));
  }
}
