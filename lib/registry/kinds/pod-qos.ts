// A pod's QoS class, after kube's qos.ComputePodQOS. The kubelet ranks pods for eviction by
// it and the apiserver records it in status.qosClass at creation, so it must be computed
// exactly as kube does: only cpu and memory count, zero quantities count as unset, and init
// containers count like regular ones.
import { parseQuantity, toMilli } from '../../api/quantity.ts';
import { objectsIn } from './pod-defaults.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Json = Record<string, unknown>;

const QOS_RESOURCES = ['cpu', 'memory'];

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A positive quantity in milli-units, or undefined for zero, negative or malformed (validation reports those). */
function positiveMilli(v: unknown): bigint | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    const milli = toMilli(parseQuantity(v));
    return milli > 0n ? milli : undefined;
  } catch {
    return undefined;
  }
}

/** Adds each counted, positive quantity of `list` into `sums`; returns the names found. */
function accumulate(list: unknown, sums: Map<string, bigint>): Set<string> {
  const found = new Set<string>();
  if (!isObj(list)) return found;
  for (const [name, value] of Object.entries(list)) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const milli = positiveMilli(value);
    if (milli === undefined) continue;
    found.add(name);
    sums.set(name, (sums.get(name) ?? 0n) + milli);
  }
  return found;
}

/** Pod-level resources (spec.resources) decide the class on their own when they name cpu or memory. */
function podLevelResources(spec: Json): Json | undefined {
  const resources = spec['resources'];
  if (!isObj(resources)) return undefined;
  const names = [resources['requests'], resources['limits']].flatMap((l) => (isObj(l) ? Object.keys(l) : []));
  return names.some((n) => QOS_RESOURCES.includes(n)) ? resources : undefined;
}

/** `spec` is a defaulted PodSpec (for Pods, requests have already been copied from limits). */
export function podQosClass(spec: unknown): QosClass {
  const s: Json = isObj(spec) ? spec : {};
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;

  const podLevel = podLevelResources(s);
  const sources = podLevel
    ? [podLevel]
    : [...objectsIn(s['containers']), ...objectsIn(s['initContainers'])].map((c) => (isObj(c['resources']) ? c['resources'] : {}));
  for (const resources of sources) {
    accumulate(resources['requests'], requests);
    const limited = accumulate(resources['limits'], limits);
    // Every container (or the pod) must limit both cpu and memory to be Guaranteed.
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }

  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
