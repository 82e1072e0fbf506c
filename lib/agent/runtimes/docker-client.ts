// The slice of the Docker Engine API the docker runtime uses, shaped after `dockerode`
// (the package the runtime is meant to run with; it is not a dependency yet, so the
// runtime is written against this interface and `dockerode` is loaded at run time).
import type { Readable, Writable } from 'node:stream';

export interface DockerExec {
  start(opts: { hijack?: boolean; stdin?: boolean }): Promise<Readable>;
  inspect(): Promise<{ ExitCode: number | null; Running: boolean }>;
}

export interface DockerContainer {
  id: string;
  start(): Promise<unknown>;
  wait(): Promise<{ StatusCode: number }>;
  stop(opts: { t: number }): Promise<unknown>;
  remove(opts: { force: boolean }): Promise<unknown>;
  inspect(): Promise<{ State: { ExitCode: number; OOMKilled?: boolean }; NetworkSettings: { IPAddress?: string } }>;
  logs(opts: { follow: true; stdout: boolean; stderr: boolean }): Promise<Readable>;
  exec(opts: { Cmd: string[]; AttachStdout: boolean; AttachStderr: boolean }): Promise<DockerExec>;
}

export interface DockerClient {
  createContainer(opts: Record<string, unknown>): Promise<DockerContainer>;
  getContainer(id: string): DockerContainer;
  getImage(name: string): { inspect(): Promise<{ Id: string }> };
  pull(image: string): Promise<Readable>;
  modem: {
    followProgress(stream: Readable, onFinished: (err: Error | null) => void): void;
    demuxStream(stream: Readable, stdout: Writable, stderr: Writable): void;
  };
}

/** Loads `dockerode` if it is installed (it is not a dependency of skiff yet). */
export async function loadDockerClient(socketPath?: string): Promise<DockerClient> {
  const name = 'dockerode';
  let mod: { default: new (opts?: { socketPath?: string }) => DockerClient };
  try {
    mod = (await import(name)) as typeof mod;
  } catch {
    throw new Error('the docker runtime needs the "dockerode" package: npm install dockerode');
  }
  return new mod.default(socketPath ? { socketPath } : undefined);
}
