// One `skiff agent` as its own process (simulated runtime) joined to a bench cluster, the
// way a user's machine joins: a node token from `skiff token create`, then the agent with
// the cluster's CA. The bench reads its peak RSS as the agent's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SKIFF_BIN, peakRssMb, type SkiffUp } from './skiff-process.ts';

export interface AgentProcess {
  pid: number;
  node: string;
  /** Throws, with what the agent printed, once it has exited. */
  alive(): void;
  /** VmHWM of the agent process, in MiB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export interface AgentOptions {
  node: string;
  maxPods: number;
  startDelayMs: number;
}

function skiffOutput(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SKIFF_BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`skiff ${args[0]} exited ${code}`))));
  });
}

export async function startAgent(skiff: SkiffUp, opts: AgentOptions): Promise<AgentProcess> {
  const token = await skiffOutput(['token', 'create', '--home', skiff.home, '--node', opts.node]);
  const child: ChildProcess = spawn(process.execPath, [
    SKIFF_BIN, 'agent', '--server', skiff.apiUrl, '--token', token, '--name', opts.node, '--runtime', 'simulated',
    '--ca-file', join(skiff.home, 'pki', 'ca.crt'), '--state-dir', join(skiff.home, `agent-${opts.node}`), '--max-pods', String(opts.maxPods),
    '--start-delay', String(opts.startDelayMs), '--address', '10.0.0.1',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`skiff agent ${opts.node} exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
  };
  return {
    pid: child.pid!,
    node: opts.node,
    alive,
    peakRssMb: () => {
      alive();
      return peakRssMb(child.pid!);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
