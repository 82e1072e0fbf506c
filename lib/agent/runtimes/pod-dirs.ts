// A pod's directory on the host, for the runtimes that run real things:
//   <stateDir>/pods/<uid>/                 the pod's working directory (process runtime cwd)
//   <stateDir>/pods/<uid>/volumes/<name>/  each volume (emptyDir: starts empty, goes with the pod)
//   <stateDir>/pods/<uid>/logs/<container>/<instance>.log   what each run printed
// A process cannot mount anything at its mountPath, so the process runtime tells a
// container where its volumes are with environment variables: SKIFF_POD_DIR, and
// SKIFF_VOLUME_<NAME> per mounted volume (name upper-cased, other characters as "_").
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1';

export function podDirOf(stateDir: string, uid: string): string {
  return join(stateDir, 'pods', uid);
}

export function volumeDir(podDir: string, volume: string): string {
  return join(podDir, 'volumes', volume);
}

export function logFile(podDir: string, container: string, instance: number): string {
  return join(podDir, 'logs', container, `${instance}.log`);
}

export function volumeEnvName(volume: string): string {
  return `SKIFF_VOLUME_${volume.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Creates the pod directory and one directory per volume; returns the pod directory. */
export async function preparePodDir(stateDir: string, pod: Pod): Promise<string> {
  const dir = podDirOf(stateDir, pod.metadata?.uid ?? 'unknown');
  await mkdir(dir, { recursive: true });
  for (const v of pod.spec?.volumes ?? []) await mkdir(volumeDir(dir, v.name), { recursive: true });
  return dir;
}

export function volumeEnv(podDir: string, container: Container): [string, string][] {
  const env: [string, string][] = [['SKIFF_POD_DIR', podDir]];
  const seen = new Set<string>();
  for (const m of container.volumeMounts ?? []) {
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    env.push([volumeEnvName(m.name), volumeDir(podDir, m.name)]);
  }
  return env;
}

export async function removePodDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
