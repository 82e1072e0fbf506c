// Runs the real `skiff` command as a child process, the way a user does.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/skiff.mjs');

export interface RunningSkiff {
  child: ChildProcess;
  output: () => string;
  readyLine: string;
  endpoints: Record<string, string>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startSkiff(args: string[], timeoutMs = 90_000): Promise<RunningSkiff> {
  const child = spawn(process.execPath, [BIN, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const readyLine = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM'); // never leave a half-started cluster (and its Java) behind
      reject(new Error(`skiff up was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const line = output.split('\n').find((l) => l.startsWith('skiff: ready'));
      if (line) {
        clearTimeout(timer);
        resolveReady(line);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`skiff up exited with ${code} before it was ready:\n${output}`));
    });
  });
  const endpoints = Object.fromEntries(
    readyLine.split(' ').filter((w) => w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return {
    child,
    output: () => output,
    readyLine,
    endpoints,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function javaPidOf(home: string): number {
  return (JSON.parse(readFileSync(join(home, 'dynamodb-local.pid'), 'utf8')) as { java: number }).java;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
