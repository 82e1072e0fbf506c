// Whether and when an exited container runs again: the pod's restartPolicy decides
// whether, the back-off decides when. Init containers that fail are retried unless the
// policy is Never (kubelet treats Always as OnFailure for them); one that succeeded is done.
import { advanceBackoff, inBackoff, type BackoffConfig, type BackoffEntry } from './backoff.ts';
import { goDuration } from './go-duration.ts';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export function restartPolicyOf(value: unknown): RestartPolicy {
  return value === 'OnFailure' || value === 'Never' ? value : 'Always';
}

export function shouldRestart(policy: RestartPolicy, exitCode: number, init: boolean): boolean {
  if (policy === 'Never') return false;
  if (init || policy === 'OnFailure') return exitCode !== 0;
  return true;
}

export type RestartDecision =
  | { kind: 'stay' }
  | { kind: 'restart'; backoff: BackoffEntry }
  | { kind: 'wait'; untilMs: number; message: string };

export interface ExitFacts {
  exitCode: number;
  finishedAtMs: number;
}

/** `who` names the container in kubelet's words: `container=c pod=p_ns(uid)`. */
export function decideRestart(
  policy: RestartPolicy, init: boolean, exit: ExitFacts, entry: BackoffEntry | undefined, nowMs: number, cfg: BackoffConfig, who: string,
): RestartDecision {
  if (!shouldRestart(policy, exit.exitCode, init)) return { kind: 'stay' };
  if (entry && inBackoff(entry, exit.finishedAtMs, nowMs, cfg)) {
    return { kind: 'wait', untilMs: exit.finishedAtMs + entry.delayMs, message: `back-off ${goDuration(entry.delayMs)} restarting failed ${who}` };
  }
  return { kind: 'restart', backoff: advanceBackoff(entry, exit.finishedAtMs, nowMs, cfg) };
}
