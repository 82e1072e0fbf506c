// Watches pods in a namespace and records, per pod, the time from its creationTimestamp
// to the moment this watch first saw it Running — kube's pod startup latency as a client
// sees it. creationTimestamp has whole-second resolution, so each figure may be up to one
// second longer than the truth (kube's own SLI has the same property).
//
// It also keeps when the watch first saw each pod, saw it bound (spec.nodeName) and saw it
// Running, on this process's millisecond clock: where startup time goes (waiting for the
// scheduler, or for the node) is read from those phases.
import type { ApiClient } from './http.ts';

export interface PodPhases {
  seenAt: number;
  boundAt?: number;
  runningAt?: number;
}

export interface PodWatch {
  startupMs: Map<string, number>;
  phases: Map<string, PodPhases>;
  lastRunningAt: number;
  stop(): void;
}

interface WatchedPod {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}

export function watchPodStartup(api: ApiClient, namespace: string): PodWatch {
  const w: PodWatch = { startupMs: new Map(), phases: new Map(), lastRunningAt: 0, stop: () => undefined };
  w.stop = api.watch(`/api/v1/namespaces/${namespace}/pods?watch=1&allowWatchBookmarks=false`, (line) => {
    let event: { type?: string; object?: WatchedPod };
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    const o = event.object;
    const name = o?.metadata?.name;
    if (!name || event.type === 'DELETED') return;
    const now = Date.now();
    const phases = w.phases.get(name) ?? { seenAt: now };
    w.phases.set(name, phases);
    if (o.spec?.nodeName) phases.boundAt ??= now;
    if (o.status?.phase !== 'Running' || w.startupMs.has(name)) return;
    phases.runningAt = now;
    w.startupMs.set(name, now - Date.parse(o.metadata!.creationTimestamp!));
    w.lastRunningAt = now;
  });
  return w;
}

/** created→bound and bound→Running latencies of the pods that got that far. */
export function phaseLatencies(phases: Iterable<PodPhases>): { toBindMs: number[]; toRunMs: number[] } {
  const toBindMs: number[] = [];
  const toRunMs: number[] = [];
  for (const p of phases) {
    if (p.boundAt !== undefined) toBindMs.push(p.boundAt - p.seenAt);
    if (p.boundAt !== undefined && p.runningAt !== undefined) toRunMs.push(p.runningAt - p.boundAt);
  }
  return { toBindMs, toRunMs };
}
