// The skiff home holds everything a local cluster keeps: the database, certificates,
// the kubeconfig. Default ./.skiff; --home or SKIFF_HOME override it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const home = resolve(flag ?? env['SKIFF_HOME'] ?? '.skiff');
  mkdirSync(home, { recursive: true });
  return home;
}
