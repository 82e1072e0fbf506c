// The end-to-end fixture: the real `skiff up --nodes 2 --runtime simulated` in a temporary
// home, and the real kubectl with its own HOME and cache directory pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlRunner } from './kubectl.ts';
import { eventually } from './pipeline.ts';
import { startSkiff, type RunningSkiff } from './skiff-process.ts';

export interface E2E {
  skiff: RunningSkiff;
  home: string;
  kubeconfig: string;
  k: ReturnType<typeof kubectlRunner>;
  stop(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const home = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
  const skiff = await startSkiff(['--nodes', '2', '--runtime', 'simulated', '--in-memory', '--port', '0', '--home', home], 120_000)
    .catch((err: unknown) => {
      rmSync(home, { recursive: true, force: true });
      throw err;
    });
  const kubeconfig = join(home, 'kubeconfig');
  const k = kubectlRunner(kubeconfig);
  const stop = async () => {
    const code = await skiff.stop();
    rmSync(k.home, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
    if (code !== 0) throw new Error(`skiff up exited with ${code}:\n${skiff.output().slice(-2000)}`);
  };
  // The agents register their nodes right after the ready line.
  await eventually('both nodes Ready', async () => {
    const r = await k.run(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
    return r.stdout.trim() === 'True\nTrue';
  }, 60_000).catch(async (err: unknown) => {
    await stop().catch(() => undefined);
    throw err;
  });
  return { skiff, home, kubeconfig, k, stop };
}

/**
 * Reads kubectl's table output into rows keyed by column header. Columns are cut at the
 * header's positions, so blank cells stay blank (splitting on spaces would shift them).
 */
export function parseTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0]!;
  const starts: { name: string; at: number }[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push({ name: m[0], at: m.index });
  return lines.slice(1).map((line) =>
    Object.fromEntries(starts.map((c, i) => [c.name, line.slice(c.at, i + 1 < starts.length ? starts[i + 1]!.at : undefined).trim()])),
  );
}

/** The header line of kubectl's table output, with runs of spaces collapsed to one. */
export function headerOf(text: string): string {
  return (text.split('\n')[0] ?? '').trim().replace(/\s+/g, ' ');
}
