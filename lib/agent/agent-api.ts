// Everything the agent asks of the apiserver, as one small interface: the production
// implementation (kube-agent-api.ts) speaks HTTPS through @kubernetes/client-node with the
// node's bearer token; unit tests use a fake. Objects are plain kube JSON (timestamps as
// RFC 3339 strings).
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Event as CoreEvent, Node, NodeStatus, Pod, PodStatus, Secret } from 'kubernetes-types/core/v1';

export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

export interface LogChunkRef extends PodRef {
  container: string;
  /** Which run of the container: 0 for the first, then its restartCount at the time. */
  instance: number;
  /** Position of this chunk within the instance's output, from 0. */
  seq: number;
}

export interface AgentApi {
  getNode(name: string): Promise<Node | undefined>;
  /** Throws AgentApiError 409 when the node exists. */
  createNode(node: Node): Promise<Node>;
  patchNodeLabels(name: string, labels: Record<string, string>): Promise<void>;
  /** A strategic merge patch of status (conditions and addresses merge by type). */
  patchNodeStatus(name: string, status: NodeStatus): Promise<void>;
  getLease(namespace: string, name: string): Promise<Lease | undefined>;
  createLease(lease: Lease): Promise<Lease>;
  /** Conditional on the lease's resourceVersion (409 when stale). */
  replaceLease(lease: Lease): Promise<Lease>;
  /** Pods bound to the node, across namespaces. */
  listPods(nodeName: string): Promise<Pod[]>;
  /** A strategic merge patch of pods/status carrying the uid (kubelet's status manager). */
  patchPodStatus(pod: PodRef, status: PodStatus): Promise<void>;
  /** The final delete: grace period 0, uid precondition. */
  deletePod(pod: PodRef): Promise<void>;
  getConfigMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  getSecret(namespace: string, name: string): Promise<Secret | undefined>;
  /** Appends container output (skiff's node-only write on pods/log; see lib/apiserver/handlers/log.ts). */
  appendLog(ref: LogChunkRef, text: string): Promise<void>;
  /** Creates a core/v1 Event in its metadata.namespace (409 when the name is taken). */
  createEvent(event: CoreEvent): Promise<void>;
  /** Counts a repeat of an Event: a strategic merge patch of count and lastTimestamp, as client-go's recorder sends. */
  patchEvent(namespace: string, name: string, patch: { count: number; lastTimestamp: string }): Promise<void>;
  /** Releases connections. */
  close(): void;
}

/** An HTTP failure from the apiserver: the status code and its Status message. */
export class AgentApiError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'AgentApiError';
  }
}

export function isApiError(err: unknown, code: number): boolean {
  return err instanceof AgentApiError && err.code === code;
}
