// Watches pods in a namespace and records, per pod, the time from its creationTimestamp
// to the moment this watch first saw it Running — kube's pod startup latency as a client
// sees it. creationTimestamp has whole-second resolution, so each figure may be up to one
// second longer than the truth (kube's own SLI has the same property).
import type { ApiClient } from './http.ts';

export interface PodWatch {
  startupMs: Map<string, number>;
  lastRunningAt: number;
  stop(): void;
}

export function watchPodStartup(api: ApiClient, namespace: string): PodWatch {
  const w: PodWatch = { startupMs: new Map(), lastRunningAt: 0, stop: () => undefined };
  w.stop = api.watch(`/api/v1/namespaces/${namespace}/pods?watch=1&allowWatchBookmarks=false`, (line) => {
    let event: { type?: string; object?: { metadata?: { name?: string; creationTimestamp?: string }; status?: { phase?: string } } };
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    const o = event.object;
    const name = o?.metadata?.name;
    if (!name || o?.status?.phase !== 'Running' || w.startupMs.has(name) || event.type === 'DELETED') return;
    const now = Date.now();
    w.startupMs.set(name, now - Date.parse(o.metadata!.creationTimestamp!));
    w.lastRunningAt = now;
  });
  return w;
}
