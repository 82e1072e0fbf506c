// Runs the real kubectl (1.32 on these machines) as a user would, with its own HOME so its
// discovery cache never leaks between runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type KubectlRunner = ReturnType<typeof kubectlRunner>;

/** `kubeconfig` may be a function, for a runner made before its cluster has started. */
export function kubectlRunner(kubeconfig: string | (() => string)) {
  const home = mkdtempSync(join(tmpdir(), 'kubectl-home-'));
  const config = (): string => (typeof kubeconfig === 'string' ? kubeconfig : kubeconfig());
  const run = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<KubectlResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, ['--cache-dir', join(home, 'cache'), ...args], {
        env: { PATH: process.env['PATH'] ?? '', HOME: home, KUBECONFIG: config(), ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(opts.input ?? '');
    });
  /** Starts a long-running kubectl (get -w) and collects its output lines as they come. */
  const spawnLive = (args: string[]) => {
    const child = spawn(KUBECTL, ['--cache-dir', join(home, 'cache'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, KUBECONFIG: config() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      partial += d.toString();
      const parts = partial.split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    return { lines, stderr: () => stderr, exited, stop: () => { child.kill('SIGTERM'); return exited; } };
  };
  /** Writes a manifest into the runner's home and returns its path. */
  const file = (name: string, content: string): string => {
    const path = join(home, name);
    writeFileSync(path, content);
    return path;
  };
  return { run, file, home, spawnLive };
}
