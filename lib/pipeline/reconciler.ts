// The reconciler contract, after controller-runtime's Reconciler/Result: given a key,
// re-read current state, act through the registry, and say what happens next.
import type { WorkKey } from './work-key.ts';

export interface ReconcileResult {
  /** Reconcile this key again after this long, even if nothing changes (e.g. a timeout to watch). */
  requeueAfterMs?: number;
}

export interface Reconciler {
  /** The consumer's queue name ("scheduler", "replicaset", …). */
  readonly name: string;
  /**
   * Throw to retry with backoff; throw TerminalError for a failure that retrying cannot fix
   * (acknowledged, logged, counted, never retried). The signal aborts at the deadline.
   */
  reconcile(key: WorkKey, signal: AbortSignal): Promise<ReconcileResult | void>;
}

export class TerminalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerminalError';
  }
}

export class DeadlineExceededError extends Error {
  constructor(ms: number) {
    super(`reconcile did not finish within its ${ms} ms deadline`);
    this.name = 'DeadlineExceededError';
  }
}
