// pods/log. Reading is kube's: GET …/pods/NAME/log?container=C&tailLines=N&limitBytes=B
// &previous=true answers text/plain, with kube-apiserver's container checks and kubelet's
// messages for containers that have no output to show. Writing is skiff's own, because an
// apiserver running as a Lambda cannot reach a node: the node the pod is bound to (and
// only that node) appends output with
//   POST …/pods/NAME/log?container=C&instance=I&seq=S&podUID=U   (body: text/plain)
// where I is the container run (0, then its restartCount at start) and S numbers the
// run's chunks from 0; a chunk already stored is accepted again without effect, so a
// node may resend after a timeout. Output is kept by a PodLogStore, per pod uid, so a new
// pod with an old name starts with no output.
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { BadRequestError, ConflictError, ForbiddenError, RequestEntityTooLargeError } from '../../api/errors.ts';
import type { UserInfo } from '../../auth/tokens.ts';
import type { ObjectKey } from '../../storage/object-store.ts';
import type { LogReadOptions, PodLogStore } from '../../storage/pod-log-store.ts';
import type { RegistryContext } from '../generic/context.ts';

/** A chunk must fit one DynamoDB item (400 KB) with room to spare. */
export const MAX_LOG_CHUNK_BYTES = 256 * 1024;

export interface LogReadQuery extends LogReadOptions {
  container?: string;
  previous?: boolean;
}

export interface LogAppendQuery {
  container: string;
  instance: number;
  seq: number;
  podUID?: string;
}

function containerNames(pod: Pod): { regular: string[]; init: string[] } {
  return { regular: (pod.spec?.containers ?? []).map((c) => c.name), init: (pod.spec?.initContainers ?? []).map((c) => c.name) };
}

/** kube-apiserver's validateContainer: the only container by default, else it must be named and exist. */
export function chooseContainer(pod: Pod, requested: string | undefined): string {
  const name = pod.metadata?.name ?? '';
  const { regular, init } = containerNames(pod);
  if (!requested) {
    if (regular.length === 1) return regular[0]!;
    if (regular.length === 0) throw new BadRequestError(`a container name must be specified for pod ${name}`);
    let message = `a container name must be specified for pod ${name}, choose one of: [${regular.join(' ')}]`;
    if (init.length) message += ` or one of the init containers: [${init.join(' ')}]`;
    throw new BadRequestError(message);
  }
  if (!regular.includes(requested) && !init.includes(requested)) throw new BadRequestError(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

/**
 * Which run of the container to read, from its status as kubelet decides which container's
 * log to open: the current run, or the one lastState describes (`previous`, or a
 * container waiting to restart). Runs that never started have no log.
 */
export function chooseInstance(status: ContainerStatus | undefined, container: string, podName: string, previous: boolean): number {
  const where = `container "${container}" in pod "${podName}"`;
  if (!status) throw new BadRequestError(`${where} is waiting to start - no logs yet`);
  const restarts = status.restartCount ?? 0;
  const { running, terminated, waiting } = status.state ?? {};
  const last = status.lastState?.terminated;
  // lastState is the run before the current one; while waiting to restart, the latest run.
  const lastInstance = running || terminated ? restarts - 1 : restarts;
  if (previous) {
    if (!last?.containerID || lastInstance < 0) throw new BadRequestError(`previous terminated container "${container}" in pod "${podName}" not found`);
    return lastInstance;
  }
  if (running) return restarts;
  if (terminated) {
    if (terminated.containerID) return restarts;
    if (last?.containerID && lastInstance >= 0) return lastInstance;
    throw new BadRequestError(`${where} is terminated`);
  }
  if (last) {
    if (!last.containerID) throw new BadRequestError(`${where} is terminated`);
    return lastInstance;
  }
  throw new BadRequestError(`${where} is waiting to start: ${waiting?.reason || 'ContainerCreating'}`);
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return all.find((s) => s.name === container);
}

async function readPod(ctx: RegistryContext, key: ObjectKey): Promise<Pod> {
  return (await ctx.store.get(key)) as unknown as Pod;
}

export async function readPodLog(ctx: RegistryContext, store: PodLogStore, key: ObjectKey, query: LogReadQuery): Promise<string> {
  const pod = await readPod(ctx, key);
  const container = chooseContainer(pod, query.container);
  if (!pod.spec?.nodeName) throw new BadRequestError(`pod ${key.name} does not have a host assigned`);
  const instance = chooseInstance(statusOf(pod, container), container, key.name, query.previous ?? false);
  const ref = { namespace: key.namespace ?? '', pod: key.name, uid: pod.metadata?.uid ?? '', container, instance };
  return store.read(ref, { tailLines: query.tailLines, limitBytes: query.limitBytes });
}

export async function appendPodLog(
  ctx: RegistryContext, store: PodLogStore, key: ObjectKey, user: UserInfo, query: LogAppendQuery, text: string,
): Promise<'created' | 'duplicate'> {
  const pod = await readPod(ctx, key);
  const gr = { group: '', resource: 'pods/log' };
  const node = pod.spec?.nodeName;
  if (!node || user.name !== `system:node:${node}`) {
    throw new ForbiddenError(`pods "${key.name}" is forbidden: User "${user.name}" cannot append the log of a pod that is not bound to its node`);
  }
  if (query.podUID && query.podUID !== pod.metadata?.uid) {
    throw new ConflictError(gr, key.name, `the pod's uid is ${pod.metadata?.uid}, not ${query.podUID}`);
  }
  const { regular, init } = containerNames(pod);
  if (!regular.includes(query.container) && !init.includes(query.container)) throw new BadRequestError(`container ${query.container} is not valid for pod ${key.name}`);
  if (Buffer.byteLength(text) > MAX_LOG_CHUNK_BYTES) throw new RequestEntityTooLargeError(`a log chunk is limited to ${MAX_LOG_CHUNK_BYTES} bytes`);
  const ref = { namespace: key.namespace ?? '', pod: key.name, uid: pod.metadata?.uid ?? '', container: query.container, instance: query.instance };
  return store.append(ref, query.seq, text);
}
