// Which namespaces this process recently found Active, so a burst of creates (a
// ReplicaSet's pods, kubelet's events) does not read the namespace once per object; kube's
// NamespaceLifecycle admission reads an informer cache for the same reason. Only Active
// is remembered, and only for `ttlMs`: a namespace that turns Terminating or goes away
// can still be admitted into for that long by a process that saw it Active. The namespace
// controller closes that window by finishing a namespace only once its deletion is older
// than the cache's TTL, listing its contents again then (controllers/namespace/plan.ts).

/** How long an Active namespace is trusted; the namespace controller waits this out (ctx.namespaces.ttlMs). */
export const NAMESPACE_ADMISSION_TTL_MS = 2000;

/** Keys beyond this are dropped oldest first; a forgotten namespace is simply read again. */
const MAX_ENTRIES = 10_000;

export class NamespaceCache {
  private readonly activeUntil = new Map<string, number>();
  /** Reads under way: creates arriving together (a TTL just ran out) share one read. */
  private readonly reading = new Map<string, Promise<unknown>>();

  constructor(readonly ttlMs = NAMESPACE_ADMISSION_TTL_MS) {}

  isActive(name: string, nowMs: number): boolean {
    const until = this.activeUntil.get(name);
    if (until === undefined) return false;
    if (until > nowMs) return true;
    this.activeUntil.delete(name);
    return false;
  }

  sawActive(name: string, nowMs: number): void {
    this.activeUntil.delete(name);
    this.activeUntil.set(name, nowMs + this.ttlMs);
    if (this.activeUntil.size > MAX_ENTRIES) this.activeUntil.delete(this.activeUntil.keys().next().value!);
  }

  /** `load`'s result for this namespace, shared with every caller that asks while it runs. */
  read<T>(name: string, load: () => Promise<T>): Promise<T> {
    const running = this.reading.get(name);
    if (running) return running as Promise<T>;
    const read = load().finally(() => this.reading.delete(name));
    this.reading.set(name, read);
    return read;
  }

  /** This process is deleting or terminating it: stop trusting what it saw. */
  forget(name: string): void {
    this.activeUntil.delete(name);
  }
}
