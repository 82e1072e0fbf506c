// The docker runtime, through the Docker Engine API (docker-client.ts): each pod gets a
// pause container holding its network namespace (its IP is the pod IP), each container
// instance is a Docker container joined to it, with command/args as entrypoint/cmd, the
// resolved environment and the pod's volume directories bind-mounted at their mountPaths.
// Images are pulled when absent or when imagePullPolicy is Always. Deliberately small: no
// resource limits, security contexts, ports or registry credentials. Not exercised by the
// test suite (no Docker there).
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { httpGetProbe, tcpSocketProbe } from '../probe-actions.ts';
import type { ProbeOutcome } from '../probe-tracker.ts';
import type { DockerClient } from './docker-client.ts';
import { preparePodDir, removePodDir, volumeDir } from './pod-dirs.ts';
import { ContainerStartError, type ContainerHooks, type ContainerLaunch, type ContainerRuntime, type PodSandbox, type ProbeRequest, type StartedContainer } from './runtime.ts';

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export interface DockerRuntimeOptions {
  docker: DockerClient;
  stateDir: string;
}

export class DockerRuntime implements ContainerRuntime {
  readonly kind = 'docker';
  readonly version = 'docker://1';
  private readonly sandboxes = new Map<string, string>();
  private readonly exits = new Map<string, Promise<void>>();
  private readonly imageIds = new Map<string, string>();

  constructor(private readonly opts: DockerRuntimeOptions) {}

  private async ensureImage(image: string, always: boolean): Promise<void> {
    const { docker } = this.opts;
    if (!always) {
      try {
        this.imageIds.set(image, (await docker.getImage(image).inspect()).Id);
        return;
      } catch {
        // absent: pull it
      }
    }
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
    this.imageIds.set(image, (await docker.getImage(image).inspect()).Id);
  }

  async preparePod(pod: Pod): Promise<PodSandbox> {
    const dir = await preparePodDir(this.opts.stateDir, pod);
    const uid = pod.metadata?.uid ?? '';
    await this.ensureImage(PAUSE_IMAGE, false);
    const pause = await this.opts.docker.createContainer({
      Image: PAUSE_IMAGE,
      name: `skiff_POD_${pod.metadata?.name}_${pod.metadata?.namespace}_${uid.slice(0, 8)}`,
      Labels: { 'io.kubernetes.pod.uid': uid, 'io.kubernetes.pod.name': pod.metadata?.name ?? '', 'io.kubernetes.pod.namespace': pod.metadata?.namespace ?? '' },
    });
    await pause.start();
    const info = await pause.inspect();
    this.sandboxes.set(uid, pause.id);
    return { uid, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', podIP: info.NetworkSettings.IPAddress || '127.0.0.1', dir };
  }

  async startContainer(launch: ContainerLaunch, hooks: ContainerHooks): Promise<StartedContainer> {
    const { container, sandbox, command, args } = launch;
    const image = container.image ?? '';
    const pauseId = this.sandboxes.get(sandbox.uid);
    try {
      await this.ensureImage(image, container.imagePullPolicy === 'Always');
      const binds = (container.volumeMounts ?? []).map((m) => `${volumeDir(sandbox.dir!, m.name)}:${m.mountPath}${m.readOnly ? ':ro' : ''}`);
      const created = await this.opts.docker.createContainer({
        Image: image,
        name: `skiff_${container.name}_${sandbox.name}_${sandbox.namespace}_${sandbox.uid.slice(0, 8)}_${launch.instance}`,
        // kube: command replaces the image's ENTRYPOINT and args its CMD; command alone drops CMD.
        Entrypoint: command.length ? [...command] : undefined,
        Cmd: args.length ? [...args] : command.length ? [] : undefined,
        Env: launch.env.map(([k, v]) => `${k}=${v}`),
        WorkingDir: container.workingDir,
        HostConfig: { NetworkMode: pauseId ? `container:${pauseId}` : 'bridge', Binds: binds },
        Labels: { 'io.kubernetes.pod.uid': sandbox.uid, 'io.kubernetes.container.name': container.name },
      });
      await created.start();
      this.follow(created.id, hooks);
      return { id: `docker://${created.id}` };
    } catch (err) {
      throw new ContainerStartError('ContainerCannotRun', err instanceof Error ? err.message : String(err));
    }
  }

  /** Streams output to the hooks, then reports the exit (OOMKilled when Docker says so). */
  private follow(id: string, hooks: ContainerHooks): void {
    const { docker } = this.opts;
    const c = docker.getContainer(id);
    const exited = (async () => {
      const out = new PassThrough();
      const decoder = new StringDecoder('utf8');
      out.on('data', (chunk: Buffer) => hooks.onOutput(decoder.write(chunk)));
      const logs = await c.logs({ follow: true, stdout: true, stderr: true }).catch(() => undefined);
      if (logs) docker.modem.demuxStream(logs, out, out);
      const { StatusCode } = await c.wait();
      const info = await c.inspect().catch(() => undefined);
      hooks.onExit({ exitCode: StatusCode, reason: info?.State.OOMKilled ? 'OOMKilled' : undefined });
      await c.remove({ force: true }).catch(() => undefined);
    })();
    this.exits.set(`docker://${id}`, exited);
  }

  async stopContainer(id: string, graceMs: number): Promise<void> {
    const exited = this.exits.get(id);
    if (!exited) return;
    await this.opts.docker.getContainer(id.replace('docker://', '')).stop({ t: Math.ceil(graceMs / 1000) }).catch(() => undefined);
    await exited;
    this.exits.delete(id);
  }

  async runProbe(req: ProbeRequest): Promise<ProbeOutcome> {
    const { probe, container, timeoutMs, sandbox } = req;
    if (probe.httpGet) return httpGetProbe(probe.httpGet, sandbox.podIP, container, timeoutMs);
    if (probe.tcpSocket) return tcpSocketProbe(probe.tcpSocket, sandbox.podIP, container, timeoutMs);
    if (!probe.exec?.command?.length) return 'failure';
    const exec = await this.opts.docker.getContainer(req.containerId.replace('docker://', '')).exec({ Cmd: probe.exec.command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    stream.resume();
    const ended = new Promise<void>((resolve) => stream.once('end', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([ended.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) return 'failure';
    return (await exec.inspect()).ExitCode === 0 ? 'success' : 'failure';
  }

  async removePod(sandbox: PodSandbox): Promise<void> {
    const pauseId = this.sandboxes.get(sandbox.uid);
    if (pauseId) await this.opts.docker.getContainer(pauseId).remove({ force: true }).catch(() => undefined);
    this.sandboxes.delete(sandbox.uid);
    if (sandbox.dir) await removePodDir(sandbox.dir);
  }

  imageId(container: Container): string {
    const id = this.imageIds.get(container.image ?? '');
    return id ? `docker-pullable://${id}` : '';
  }

  async close(): Promise<void> {
    await Promise.all([...this.exits.keys()].map((id) => this.stopContainer(id, 1000)));
    await Promise.all([...this.sandboxes.values()].map((id) => this.opts.docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
    this.sandboxes.clear();
  }
}
