// A snapshot of one node and what is already placed on it: kube-scheduler's NodeInfo,
// built from a list of nodes and bound pods, and updated purely (addPod returns a new
// value) so that many pods can be scheduled in a row against one snapshot.
import type { KubeObject } from '../storage/object-store.ts';
import { hostPortKey, podHostPorts } from './host-ports.ts';
import { nodeName, podSpec, podStatus } from './objects.ts';
import { fitRequests, scoreRequests } from './pod-requests.ts';
import { addResources, emptyResources, nodeAllocatable } from './resources.ts';
import type { Resources } from './resources.ts';

export interface NodeInfo {
  readonly node: KubeObject;
  readonly name: string;
  readonly allocatable: Resources;
  /** Sum of the counted pods' fit requests; requested.pods equals podCount. */
  readonly requested: Resources;
  /** The same with 100m/200Mi for unset cpu/memory; only least-allocated scoring reads it. */
  readonly nonZeroRequested: Resources;
  readonly podCount: number;
  /** "TCP/0.0.0.0/8080" keys, see host-ports.ts. */
  readonly usedHostPorts: ReadonlySet<string>;
  /** The counted pods themselves, for spreading and the preemption dry run. */
  readonly pods: readonly KubeObject[];
}

/**
 * Whether a bound pod still holds resources on its node. The scheduler's informer drops
 * Succeeded and Failed pods; a terminating pod keeps its share until it is really gone,
 * because its containers may still be running.
 */
export function holdsResources(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export function emptyNodeInfo(node: KubeObject): NodeInfo {
  return {
    node,
    name: nodeName(node),
    allocatable: nodeAllocatable(node),
    requested: emptyResources(),
    nonZeroRequested: emptyResources(),
    podCount: 0,
    usedHostPorts: new Set(),
    pods: [],
  };
}

/** The node with `pod` counted on it. `info` is not modified. */
export function addPod(info: NodeInfo, pod: KubeObject): NodeInfo {
  const usedHostPorts = new Set(info.usedHostPorts);
  for (const p of podHostPorts(pod)) usedHostPorts.add(hostPortKey(p));
  return {
    ...info,
    requested: addResources(info.requested, fitRequests(pod)),
    nonZeroRequested: addResources(info.nonZeroRequested, scoreRequests(pod)),
    podCount: info.podCount + 1,
    usedHostPorts,
    pods: [...info.pods, pod],
  };
}

/** A node's info with exactly `pods` on it (used to ask "what if these were gone"). */
export function nodeInfoWithPods(node: KubeObject, pods: readonly KubeObject[]): NodeInfo {
  // One pass with local accumulators: folding addPod would copy the pod list per pod.
  let requested = emptyResources();
  let nonZeroRequested = emptyResources();
  const usedHostPorts = new Set<string>();
  for (const pod of pods) {
    requested = addResources(requested, fitRequests(pod));
    nonZeroRequested = addResources(nonZeroRequested, scoreRequests(pod));
    for (const p of podHostPorts(pod)) usedHostPorts.add(hostPortKey(p));
  }
  return { ...emptyNodeInfo(node), requested, nonZeroRequested, podCount: pods.length, usedHostPorts, pods: [...pods] };
}

/**
 * One NodeInfo per node, in the order given, counting each bound pod (spec.nodeName set)
 * that still holds resources. Pods bound to a node not in `nodes` are ignored.
 */
export function buildNodeInfos(nodes: readonly KubeObject[], boundPods: readonly KubeObject[]): NodeInfo[] {
  const podsByNode = new Map<string, KubeObject[]>();
  for (const pod of boundPods) {
    const target = podSpec(pod).nodeName;
    if (!target || !holdsResources(pod)) continue;
    const list = podsByNode.get(target);
    if (list) list.push(pod);
    else podsByNode.set(target, [pod]);
  }
  return nodes.map((node) => nodeInfoWithPods(node, podsByNode.get(nodeName(node)) ?? []));
}
