// A pod's effective resource request, after kube's component-helpers PodRequests (1.32):
//
//   max( sum(containers) + sum(sidecars),  max over init containers i of
//        (init container i + sum of the sidecars declared before it) )  + pod overhead
//
// where a sidecar is an init container with restartPolicy: Always (it keeps running next to
// the app containers, so it adds to the steady state and to every later init step).
//
// Two flavours, as in kube-scheduler: fit requests (what must fit; a pod that requests
// nothing needs nothing) and score requests, where a container that names no cpu or memory
// is counted as 100m / 200Mi so that best-effort pods do not all pile onto one node.
import type { Container } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../storage/object-store.ts';
import { objects, podSpec } from './objects.ts';
import { addNanoList, maxNanoList, resourcesFromNanos, toNanoList } from './resources.ts';
import type { NanoList, Resources } from './resources.ts';

/** kube-scheduler's DefaultMilliCPURequest and DefaultMemoryRequest, in nanos. */
const NON_ZERO_DEFAULTS: ReadonlyMap<string, bigint> = new Map([
  ['cpu', 100n * 1_000_000n],
  ['memory', 200n * 1024n * 1024n * 1_000_000_000n],
]);

/**
 * A container's requests. A resource with a limit but no request requests its limit: the
 * apiserver's pod defaulting does this on create, repeated here so a pod stored without it
 * (or built by hand in a test) is counted the same way.
 */
function containerRequests(ctr: Container, nonZero: boolean): NanoList {
  const requests = toNanoList(ctr.resources?.requests);
  for (const [name, v] of toNanoList(ctr.resources?.limits)) if (!requests.has(name)) requests.set(name, v);
  if (nonZero) {
    // Only a resource that is absent gets the default; an explicit 0 stays 0 (kube's applyNonMissing).
    for (const [name, v] of NON_ZERO_DEFAULTS) if (!requests.has(name)) requests.set(name, v);
  }
  return requests;
}

function aggregate(pod: KubeObject, nonZero: boolean): Resources {
  const spec = podSpec(pod);
  const total: NanoList = new Map();
  for (const ctr of objects<Container>(spec.containers)) addNanoList(total, containerRequests(ctr, nonZero));

  const sidecarsSoFar: NanoList = new Map();
  const initPeak: NanoList = new Map();
  for (const ctr of objects<Container>(spec.initContainers)) {
    const reqs = containerRequests(ctr, nonZero);
    if (ctr.restartPolicy === 'Always') {
      addNanoList(total, reqs);
      addNanoList(sidecarsSoFar, reqs);
      maxNanoList(initPeak, sidecarsSoFar);
    } else {
      const step: NanoList = new Map(reqs);
      addNanoList(step, sidecarsSoFar);
      maxNanoList(initPeak, step);
    }
  }
  maxNanoList(total, initPeak);
  // RuntimeClass overhead (set by admission) is paid once per pod, on top of everything.
  addNanoList(total, toNanoList(spec.overhead));

  const r = resourcesFromNanos(total);
  // A pod occupies one pod slot; containers cannot request "pods" (validation forbids it).
  r.pods = 1n;
  return r;
}

/** What must fit on a node for the pod to be placed there (kube's NodeResourcesFit filter). */
export function fitRequests(pod: KubeObject): Resources {
  return aggregate(pod, false);
}

/** The pod's effective request; the same numbers the fit check and node accounting use. */
export const podRequests = fitRequests;

/** Requests for scoring only: missing cpu/memory count as 100m/200Mi per container. */
export function scoreRequests(pod: KubeObject): Resources {
  return aggregate(pod, true);
}

/**
 * What binding the pod adds to its node's committed usage. The caller keeps running totals
 * on the node and binds in a transaction conditional on capacity; these are exact integers
 * (milli-CPU and bytes) and equal to what buildNodeInfos sums, so the two cannot drift.
 */
export function accountingDelta(pod: KubeObject): { milliCpu: bigint; memory: bigint; pods: 1 } {
  const r = fitRequests(pod);
  return { milliCpu: r.milliCpu, memory: r.memory, pods: 1 };
}
