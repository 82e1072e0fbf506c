// The agent's Events about its pods, written through AgentApi with the node's token, as
// kubelet's client-go EventRecorder writes them: source {component: kubelet, host: node},
// named `<pod>.<hex nanoseconds>` so a pod's Events list in the order they happened, and
// an identical repeat (same pod, container, type, reason, message) is not a new Event but
// a patch of the first one's count and lastTimestamp (client-go's event correlator).
//
// Why not lib/controllers/events/recorder.ts: that runs inside the apiserver's process
// and writes through the registry, while an agent has only HTTPS. It also names Events by
// a hash so that a stateless Lambda finds the first occurrence; an agent lives as long as
// its pods and can remember, which keeps kube's time-ordered names. The cost is kube's:
// an agent that restarts starts new Events instead of counting on the old ones.
import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { Clock } from '../core/clock.ts';
import { rfc3339 } from '../core/clock.ts';
import { isApiError, type AgentApi, type PodRef } from './agent-api.ts';
import type { PodEvent } from './pod-events.ts';

export const KUBELET_COMPONENT = 'kubelet';

/** client-go's event correlator remembers this many distinct events (its LRU size). */
const MAX_REMEMBERED = 4096;

/** kubelet's --event-qps and --event-burst defaults: Event writes beyond them wait their turn. */
export const EVENT_QPS = 50;
export const EVENT_BURST = 100;
/** Like client-go's broadcaster queue: past this many writes waiting, new events are dropped. */
const MAX_QUEUED = 1000;

export interface Bucket {
  tokens: number;
  atMs: number;
}

/** A token bucket: how long the next write must wait, and the bucket after it. Pure. */
export function takeToken(b: Bucket, nowMs: number, qps = EVENT_QPS, burst = EVENT_BURST): { bucket: Bucket; waitMs: number } {
  const tokens = Math.min(burst, b.tokens + ((nowMs - b.atMs) * qps) / 1000) - 1;
  return { bucket: { tokens, atMs: nowMs }, waitMs: tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / qps) };
}

export interface InvolvedPod extends PodRef {
  resourceVersion?: string;
}

/** A new core/v1 Event as kubelet's recorder makes it (makeEvent). Pure. */
export function kubeletEvent(pod: InvolvedPod, e: PodEvent, node: string, name: string, at: { first: string; last: string; count: number }): CoreEvent {
  const involvedObject: CoreEvent['involvedObject'] = { apiVersion: 'v1', kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid, fieldPath: e.fieldPath };
  if (pod.resourceVersion) involvedObject.resourceVersion = pod.resourceVersion;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: pod.namespace },
    involvedObject,
    type: e.type,
    reason: e.reason,
    message: e.message,
    source: { component: KUBELET_COMPONENT, host: node },
    reportingComponent: KUBELET_COMPONENT,
    reportingInstance: node,
    count: at.count,
    firstTimestamp: at.first,
    lastTimestamp: at.last,
  };
}

/** What makes two events the same occurrence (client-go's getEventKey, source fixed per agent). */
export function eventKey(pod: PodRef, e: PodEvent): string {
  return [pod.namespace, pod.name, pod.uid, e.fieldPath, e.type, e.reason, e.message].join('\u0000');
}

/** `<pod>.<nanoseconds in hex>`: strictly increasing per recorder, so two events in one millisecond never share a name. */
export function nextEventName(podName: string, nowMs: number, lastNanos: bigint): { name: string; nanos: bigint } {
  const wall = BigInt(nowMs) * 1_000_000n;
  const nanos = wall > lastNanos ? wall : lastNanos + 1n;
  return { name: `${podName}.${nanos.toString(16)}`, nanos };
}

interface Remembered {
  name: string;
  count: number;
  first: string;
}

export interface PodEventSink {
  emit(pod: InvolvedPod, events: readonly PodEvent[]): void;
}

export class EventRecorder implements PodEventSink {
  private readonly seen = new Map<string, Remembered>();
  /** The write in flight per key, so a repeat patches only after the create landed. */
  private readonly tails = new Map<string, Promise<void>>();
  private lastNanos = 0n;
  private bucket: Bucket = { tokens: EVENT_BURST, atMs: 0 };
  private queued = 0;
  private dropped = 0;

  constructor(
    private readonly api: Pick<AgentApi, 'createEvent' | 'patchEvent'>,
    private readonly clock: Clock,
    private readonly node: string,
    private readonly log: (entry: Record<string, unknown>) => void = () => undefined,
  ) {}

  emit(pod: InvolvedPod, events: readonly PodEvent[]): void {
    for (const e of events) this.record(pod, e);
  }

  /** Resolves once every write asked for so far has been tried, or after `timeoutMs` (shutdown). */
  async flush(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    const drained = (async () => {
      while (this.tails.size) await Promise.all([...this.tails.values()]);
    })();
    await Promise.race([drained, deadline]);
    clearTimeout(timer);
  }

  /** Time, name and count are taken when the event happens; only the write waits its turn. */
  private record(pod: InvolvedPod, e: PodEvent): void {
    if (this.queued >= MAX_QUEUED) {
      if (this.dropped++ % MAX_QUEUED === 0) this.log({ msg: 'too many events waiting; dropping', dropped: this.dropped });
      return;
    }
    const key = eventKey(pod, e);
    const now = this.clock.now();
    const last = rfc3339(now);
    let entry = this.seen.get(key);
    let write: () => Promise<void>;
    if (entry) {
      const seen = { name: entry.name, first: entry.first, last, count: ++entry.count };
      write = () => this.repeat(pod, e, seen);
    } else {
      const { name, nanos } = nextEventName(pod.name, now.getTime(), this.lastNanos);
      this.lastNanos = nanos;
      entry = { name, count: 1, first: last };
      write = () => this.create(kubeletEvent(pod, e, this.node, name, { first: last, last, count: 1 }));
    }
    this.remember(key, entry);
    const taken = takeToken(this.bucket, now.getTime());
    this.bucket = taken.bucket;
    this.queued++;
    const paced = taken.waitMs ? () => new Promise<void>((r) => setTimeout(r, taken.waitMs)).then(write) : write;
    const tail = (this.tails.get(key) ?? Promise.resolve()).then(paced).catch((err: unknown) => {
      // Events are best effort, as kubelet's are: a lost one costs a line in describe.
      this.log({ msg: 'recording an event failed', pod: `${pod.namespace}/${pod.name}`, reason: e.reason, error: err instanceof Error ? err.message : String(err) });
    });
    this.tails.set(key, tail);
    void tail.then(() => {
      this.queued--;
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  private async repeat(pod: InvolvedPod, e: PodEvent, seen: { name: string; first: string; last: string; count: number }): Promise<void> {
    try {
      await this.api.patchEvent(pod.namespace, seen.name, { count: seen.count, lastTimestamp: seen.last });
    } catch (err) {
      // Expired (Events live an hour) or deleted: write it again under its name, with its count.
      if (!isApiError(err, 404)) throw err;
      await this.create(kubeletEvent(pod, e, this.node, seen.name, seen));
    }
  }

  private async create(event: CoreEvent): Promise<void> {
    try {
      await this.api.createEvent(event);
    } catch (err) {
      // 404: the namespace is gone, nobody will read it.
      if (!isApiError(err, 404)) throw err;
    }
  }

  private remember(key: string, entry: Remembered): void {
    this.seen.delete(key);
    this.seen.set(key, entry);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
  }
}
