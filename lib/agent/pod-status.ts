// The whole pod status the agent reports, as kubelet's generateAPIPodStatus assembles it:
// container statuses (init ones in spec order, regular ones by name), the phase (a
// terminal phase never goes back), kubelet's conditions, the IPs and the start time.
import type { Container, ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { toContainerStatus, type ContainerRecord } from './container-record.ts';
import { podConditions } from './pod-conditions.ts';
import { podPhase, type PodPhase } from './pod-phase.ts';
import { restartPolicyOf } from './restart-policy.ts';

export interface PodStatusInput {
  pod: Pod;
  records: ReadonlyMap<string, ContainerRecord>;
  hostIP: string;
  /** Absent until the runtime has prepared the pod. */
  podIP?: string;
  startTime: string;
  /** Being deleted and nothing is running any more. */
  terminal: boolean;
  imageId: (container: Container) => string;
  now: string;
}

export function isFinishedPhase(phase: unknown): phase is 'Succeeded' | 'Failed' {
  return phase === 'Succeeded' || phase === 'Failed';
}

function statusesOf(containers: readonly Container[], records: ReadonlyMap<string, ContainerRecord>, imageId: (c: Container) => string): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const c of containers) {
    const r = records.get(c.name);
    if (r) out.push(toContainerStatus(r, c, imageId(c)));
  }
  return out;
}

export function buildPodStatus(input: PodStatusInput): PodStatus {
  const spec = input.pod.spec;
  const initSpecs = spec?.initContainers ?? [];
  const specs = spec?.containers ?? [];
  const initStatuses = statusesOf(initSpecs, input.records, input.imageId);
  const statuses = statusesOf(specs, input.records, input.imageId).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const stored = input.pod.status?.phase;
  const computed = podPhase({
    initContainers: initSpecs.map((c) => c.name),
    containers: specs.map((c) => c.name),
    initStatuses,
    statuses,
    restartPolicy: restartPolicyOf(spec?.restartPolicy),
    terminal: input.terminal,
  });
  // Pods never leave a terminal phase (kubelet forces the API's terminal phase back).
  const phase: PodPhase = isFinishedPhase(stored) ? stored : computed;
  const status: PodStatus = {
    phase,
    conditions: podConditions({
      initContainers: initSpecs.map((c) => c.name),
      containers: specs.map((c) => c.name),
      statuses: [...initStatuses, ...statuses],
      phase,
      sandboxReady: input.podIP !== undefined && !input.terminal,
      previous: input.pod.status?.conditions ?? [],
      now: input.now,
    }),
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    startTime: input.startTime,
    containerStatuses: statuses,
  };
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  return status;
}
