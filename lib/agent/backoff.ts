// Crash-loop back-off, as kubelet's per-container flowcontrol.Backoff behaves: the first
// restart is immediate, then each restart waits twice as long as the previous one (10 s,
// 20 s, 40 s … capped at 5 min), and a container whose crashes are more than twice the cap
// apart (it ran for ~10 minutes) starts over. Pure: times are passed in, in milliseconds.

export interface BackoffConfig {
  /** The first wait (kubelet: 10 s). Tests use a few hundred ms. */
  initialMs: number;
  /** The cap (kubelet: 5 min). */
  maxMs: number;
}

export const KUBELET_BACKOFF: BackoffConfig = { initialMs: 10_000, maxMs: 300_000 };

export interface BackoffEntry {
  /** The wait imposed after the next exit. */
  delayMs: number;
  /** When the entry was last advanced (the last restart). */
  lastUpdateMs: number;
}

/** An entry older than twice the cap at the time of the event is forgotten. */
function expired(entry: BackoffEntry, eventMs: number, cfg: BackoffConfig): boolean {
  return eventMs - entry.lastUpdateMs > 2 * cfg.maxMs;
}

/** Whether a container that exited at `exitedMs` must still wait at `nowMs`. */
export function inBackoff(entry: BackoffEntry | undefined, exitedMs: number, nowMs: number, cfg: BackoffConfig): boolean {
  if (!entry || expired(entry, exitedMs, cfg)) return false;
  return nowMs - exitedMs < entry.delayMs;
}

/** The entry after restarting a container that exited at `exitedMs`. */
export function advanceBackoff(entry: BackoffEntry | undefined, exitedMs: number, nowMs: number, cfg: BackoffConfig): BackoffEntry {
  if (!entry || expired(entry, exitedMs, cfg)) return { delayMs: cfg.initialMs, lastUpdateMs: nowMs };
  return { delayMs: Math.min(entry.delayMs * 2, cfg.maxMs), lastUpdateMs: nowMs };
}
