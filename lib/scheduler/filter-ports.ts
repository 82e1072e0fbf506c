// kube's NodePorts filter. Resolvable: evicting the pod holding the port would free it.
import { hostPortConflicts } from './host-ports.ts';
import type { NodeInfo } from './node-info.ts';
import type { PodFacts } from './pod-facts.ts';
import type { Rejection } from './rejection.ts';

export const ERR_PORTS = "node(s) didn't have free ports for the requested pod ports";

export function filterPorts(facts: PodFacts, info: NodeInfo): Rejection | undefined {
  const conflict = facts.hostPorts.some((p) => hostPortConflicts(info.usedHostPorts, p));
  return conflict ? { plugin: 'NodePorts', reasons: [ERR_PORTS], resolvable: true } : undefined;
}
