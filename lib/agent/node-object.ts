// The Node an agent registers and the status it keeps reporting, shaped as kubelet's:
// well-known labels, capacity = allocatable (no reservations), the four standard
// conditions with kubelet's reasons and messages, addresses and nodeInfo. Pure.
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';

export const KUBELET_VERSION = 'v1.32.0-skiff';

export interface NodeFacts {
  name: string;
  /** Extra labels (flags, tests); the well-known ones are added here. */
  labels: Record<string, string>;
  capacity: { cpu: string; memory: string; pods: string; 'ephemeral-storage'?: string };
  address: string;
  hostname: string;
  os: string;
  arch: string;
  kernelVersion: string;
  osImage: string;
  machineID: string;
  bootID: string;
  /** e.g. "process://1", "simulated://1". */
  containerRuntimeVersion: string;
}

export function nodeLabels(facts: NodeFacts): Record<string, string> {
  return {
    ...facts.labels,
    'kubernetes.io/hostname': facts.name,
    'kubernetes.io/os': facts.os,
    'kubernetes.io/arch': facts.arch,
  };
}

const CONDITIONS: readonly { type: string; status: string; reason: string; message: string }[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The conditions as of `now`; a condition whose status did not change keeps its transition time. */
export function nodeConditions(previous: readonly NodeCondition[] | undefined, now: string): NodeCondition[] {
  return CONDITIONS.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    const since = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    return { ...c, lastHeartbeatTime: now, lastTransitionTime: since };
  });
}

export function nodeStatus(facts: NodeFacts, previous: NodeStatus | undefined, now: string): NodeStatus {
  const capacity: Record<string, string> = { ...facts.capacity };
  return {
    capacity,
    allocatable: { ...capacity },
    conditions: nodeConditions(previous?.conditions, now),
    addresses: [
      { type: 'InternalIP', address: facts.address },
      { type: 'Hostname', address: facts.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
    nodeInfo: {
      machineID: facts.machineID,
      systemUUID: facts.machineID,
      bootID: facts.bootID,
      kernelVersion: facts.kernelVersion,
      osImage: facts.osImage,
      containerRuntimeVersion: facts.containerRuntimeVersion,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: facts.os,
      architecture: facts.arch,
    },
  };
}

export function newNode(facts: NodeFacts, now: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: facts.name, labels: nodeLabels(facts) },
    spec: {},
    status: nodeStatus(facts, undefined, now),
  };
}

/**
 * Whether the stored status needs a write: something other than heartbeats differs (the
 * node lifecycle controller set Ready=Unknown, capacity changed), or the last report is
 * older than `reportEveryMs` (kubelet's nodeStatusReportFrequency, 5 min).
 */
export function nodeStatusStale(stored: NodeStatus | undefined, desired: NodeStatus, lastReportMs: number | undefined, nowMs: number, reportEveryMs: number): boolean {
  if (!stored || lastReportMs === undefined || nowMs - lastReportMs >= reportEveryMs) return true;
  const strip = (s: NodeStatus) => ({
    ...s,
    conditions: (s.conditions ?? []).map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...rest }) => rest),
  });
  const relevant = (s: NodeStatus) => {
    const x = strip(s);
    return JSON.stringify([x.capacity, x.allocatable, x.conditions, x.addresses, x.nodeInfo]);
  };
  return relevant(stored) !== relevant(desired);
}

/** Labels the node must carry that it does not (kubelet reconciles its own labels on restart). */
export function missingLabels(node: Node, facts: NodeFacts): Record<string, string> | undefined {
  const want = nodeLabels(facts);
  const have = node.metadata?.labels ?? {};
  const patch: Record<string, string> = {};
  for (const [k, v] of Object.entries(want)) if (have[k] !== v) patch[k] = v;
  return Object.keys(patch).length ? patch : undefined;
}
