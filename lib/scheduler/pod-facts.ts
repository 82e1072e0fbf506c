// Everything the filters and scores need to know about the pod being scheduled, computed
// once per scheduling attempt rather than once per node (kube's PreFilter/PreScore state).
import type { Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../storage/object-store.ts';
import { podHostPorts } from './host-ports.ts';
import type { HostPort } from './host-ports.ts';
import { requiredNodeAffinity, preferredNodeAffinity } from './node-selector.ts';
import type { PreferredTerm, RequiredNodeAffinity } from './node-selector.ts';
import { objects, podPriority, podSpec } from './objects.ts';
import { fitRequests, scoreRequests } from './pod-requests.ts';
import type { Resources } from './resources.ts';

export interface PodFacts {
  readonly pod: KubeObject;
  readonly namespace: string;
  readonly tolerations: readonly Toleration[];
  readonly fit: Resources;
  readonly score: Resources;
  readonly hostPorts: readonly HostPort[];
  readonly required: RequiredNodeAffinity;
  readonly preferred: readonly PreferredTerm[];
  readonly priority: number;
  readonly preemptionPolicy: string | undefined;
}

export function podFacts(pod: KubeObject): PodFacts {
  const spec = podSpec(pod);
  return {
    pod,
    namespace: pod.metadata?.namespace ?? '',
    tolerations: objects<Toleration>(spec.tolerations),
    fit: fitRequests(pod),
    score: scoreRequests(pod),
    hostPorts: podHostPorts(pod),
    required: requiredNodeAffinity(pod),
    preferred: preferredNodeAffinity(pod),
    priority: podPriority(pod),
    preemptionPolicy: typeof spec.preemptionPolicy === 'string' ? spec.preemptionPolicy : undefined,
  };
}
