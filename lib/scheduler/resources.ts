// Exact resource amounts as the scheduler compares them: milli-CPU, bytes, a pod count and
// whole units of everything else, all bigint. Quantities are summed at nano precision and
// only then rounded up to milli/whole units, which is what kube does (it sums
// resource.Quantity values and calls MilliValue/Value at the end), so "0.5m" twice is 1m.
import { parseQuantity, toBase, toMilli } from '../api/quantity.ts';
import type { KubeObject } from '../storage/object-store.ts';
import { nodeStatus, resourceList } from './objects.ts';

export interface Resources {
  milliCpu: bigint;
  /** Bytes. */
  memory: bigint;
  pods: bigint;
  /** ephemeral-storage, hugepages-*, and extended resources such as example.com/gpu, in whole units. */
  scalar: Record<string, bigint>;
}

/** Nodes that do not report a pod capacity get the kubelet's default --max-pods. */
export const DEFAULT_MAX_PODS = 110n;

export function emptyResources(): Resources {
  return { milliCpu: 0n, memory: 0n, pods: 0n, scalar: {} };
}

export function addResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [name, v] of Object.entries(b.scalar)) scalar[name] = (scalar[name] ?? 0n) + v;
  return { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory, pods: a.pods + b.pods, scalar };
}

export function subtractResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [name, v] of Object.entries(b.scalar)) scalar[name] = (scalar[name] ?? 0n) - v;
  return { milliCpu: a.milliCpu - b.milliCpu, memory: a.memory - b.memory, pods: a.pods - b.pods, scalar };
}

/**
 * kube's IsScalarResourceName, simplified on the assumption that names already passed
 * validation: extended resources (a domain-prefixed name outside kubernetes.io), prefixed
 * native ones, hugepages and attachable volumes. ephemeral-storage is kept here too; kube
 * has a dedicated field for it but checks it the same way ("Insufficient ephemeral-storage").
 */
export function isScalarResourceName(name: string): boolean {
  if (name === 'ephemeral-storage') return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (name.includes('kubernetes.io/')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

/** A ResourceList held at nano precision, for exact sums and maxima before rounding. */
export type NanoList = Map<string, bigint>;

/** Parses a ResourceList; a malformed quantity (validation rejects those) counts as absent. */
export function toNanoList(list: unknown): NanoList {
  const out: NanoList = new Map();
  for (const [name, value] of Object.entries(resourceList(list))) {
    try {
      out.set(name, parseQuantity(value).nanos);
    } catch {
      // Not a quantity; nothing to count.
    }
  }
  return out;
}

export function addNanoList(into: NanoList, add: NanoList): void {
  for (const [name, v] of add) into.set(name, (into.get(name) ?? 0n) + v);
}

export function maxNanoList(into: NanoList, other: NanoList): void {
  for (const [name, v] of other) {
    const cur = into.get(name);
    if (cur === undefined || v > cur) into.set(name, v);
  }
}

/** Rounds each amount up to the unit the scheduler compares in (kube's Resource.Add). */
export function resourcesFromNanos(list: NanoList): Resources {
  const r = emptyResources();
  for (const [name, nanos] of list) {
    const q = { nanos, format: 'DecimalSI' as const };
    if (name === 'cpu') r.milliCpu += toMilli(q);
    else if (name === 'memory') r.memory += toBase(q);
    else if (name === 'pods') r.pods += toBase(q);
    else if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0n) + toBase(q);
  }
  return r;
}

/**
 * What a node offers: status.allocatable, or status.capacity for a node that reports only
 * capacity (the registry already defaults one from the other; this keeps raw objects safe).
 */
export function nodeAllocatable(node: KubeObject): Resources {
  const status = nodeStatus(node);
  const source = status.allocatable ?? status.capacity;
  const list = toNanoList(source);
  const r = resourcesFromNanos(list);
  if (!list.has('pods')) r.pods = DEFAULT_MAX_PODS;
  return r;
}
