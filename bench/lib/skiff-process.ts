// Runs `skiff up` as its own process in a throwaway home, the way a user does, and reads
// what the benchmarks need from it: endpoints, the admin token and CA, its peak RSS (so
// the control plane's memory is that process's), and the usage counters it keeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Usage } from '../../local/usage-meter.ts';

/** The skiff to measure; SKIFF_BIN points at another checkout's bin/skiff.mjs (before/after figures). */
export const SKIFF_BIN = process.env['SKIFF_BIN'] ?? resolve(import.meta.dirname, '../../bin/skiff.mjs');

export interface SkiffUp {
  pid: number;
  home: string;
  apiUrl: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  kubeconfig: string;
  token: string;
  caPem: string;
  usage(): Usage;
  /** VmHWM: the highest resident set the process has had, in MiB. */
  peakRssMb(): number;
  /** The pid of the DynamoDB Local JVM this skiff started. */
  dynamodbLocalPid(): number;
  stop(): Promise<void>;
}

export async function skiffUp(extraArgs: string[] = [], timeoutMs = 120_000): Promise<SkiffUp> {
  const home = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const usageFile = join(home, 'usage.json');
  const args = ['up', '--home', home, '--in-memory', '--runtime', 'simulated', '--port', '0', '--resync-interval', '3600', '--usage-file', usageFile, ...extraArgs];
  const child = spawn(process.execPath, [SKIFF_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = await waitForLine(child, () => output, /^skiff: ready .*$/m, exited, timeoutMs).catch(async (err: unknown) => {
    child.kill('SIGTERM');
    await exited;
    rmSync(home, { recursive: true, force: true });
    throw err;
  });
  const field = (name: string) => new RegExp(`${name}=(\\S+)`).exec(ready)?.[1] ?? '';
  return {
    pid: child.pid!,
    home,
    apiUrl: field('api'),
    dynamodbEndpoint: field('dynamodb'),
    sqsEndpoint: field('sqs'),
    kubeconfig: join(home, 'kubeconfig'),
    token: readFileSync(join(home, 'admin.token'), 'utf8').trim(),
    caPem: readFileSync(join(home, 'pki', 'ca.crt'), 'utf8'),
    usage: () => JSON.parse(readFileSync(usageFile, 'utf8')) as Usage,
    peakRssMb: () => peakRssMb(child.pid!),
    dynamodbLocalPid: () => (JSON.parse(readFileSync(join(home, 'dynamodb-local.pid'), 'utf8')) as { java: number }).java,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function waitForLine(child: ChildProcess, output: () => string, re: RegExp, exited: Promise<void>, timeoutMs: number): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`skiff up was not ready within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = () => {
      const m = re.exec(output());
      if (m) {
        clearTimeout(timer);
        resolveLine(m[0]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`skiff up exited before it was ready:\n${output()}`));
    });
  });
}
