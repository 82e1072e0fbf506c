// Probe results as kubelet's prober workers turn them into container state: a result only
// flips after failureThreshold failures or successThreshold successes in a row; nothing
// runs before initialDelaySeconds; readiness and liveness wait until the startup probe has
// passed. Readiness starts out failing, liveness passing, startup unknown. Pure.
import type { Probe } from 'kubernetes-types/core/v1';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
export type ProbeOutcome = 'success' | 'failure';

export interface ProbeSettings {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** kube's defaults (the apiserver fills them too, but a pod from elsewhere may lack them). */
export function probeSettings(probe: Probe): ProbeSettings {
  const positive = (v: number | undefined, d: number) => (v !== undefined && v > 0 ? v : d);
  return {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: positive(probe.periodSeconds, 10) * 1000,
    timeoutMs: positive(probe.timeoutSeconds, 1) * 1000,
    successThreshold: positive(probe.successThreshold, 1),
    failureThreshold: positive(probe.failureThreshold, 3),
  };
}

export interface ProbeTrack {
  kind: ProbeKind;
  probe: Probe;
  settings: ProbeSettings;
  result: ProbeOutcome | 'unknown';
  /** The last raw outcome and how many times in a row it came. */
  lastRaw?: ProbeOutcome;
  run: number;
  nextAtMs: number;
}

export function newProbeTrack(kind: ProbeKind, probe: Probe, startedAtMs: number): ProbeTrack {
  const settings = probeSettings(probe);
  const result = kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : 'unknown';
  return { kind, probe, settings, result, run: 0, nextAtMs: startedAtMs + settings.initialDelayMs };
}

/** Whether this probe should run now; readiness and liveness only once the container has started. */
export function probeDue(track: ProbeTrack, nowMs: number, started: boolean): boolean {
  if (track.kind !== 'startup' && !started) return false;
  if (track.kind === 'startup' && track.result === 'success') return false;
  return nowMs >= track.nextAtMs;
}

/** The track after one raw outcome observed at `nowMs`. */
export function observeProbe(track: ProbeTrack, raw: ProbeOutcome, nowMs: number): ProbeTrack {
  const run = track.lastRaw === raw ? track.run + 1 : 1;
  const threshold = raw === 'failure' ? track.settings.failureThreshold : track.settings.successThreshold;
  return { ...track, lastRaw: raw, run, result: run >= threshold ? raw : track.result, nextAtMs: nowMs + track.settings.periodMs };
}

/** A liveness or startup probe that has failed enough: the container must be restarted. */
export function demandsRestart(track: ProbeTrack): boolean {
  return track.kind !== 'readiness' && track.result === 'failure';
}

/** The tracks a container instance needs, one per probe it declares. */
export function tracksFor(container: { startupProbe?: Probe; livenessProbe?: Probe; readinessProbe?: Probe }, startedAtMs: number): ProbeTrack[] {
  const out: ProbeTrack[] = [];
  if (container.startupProbe) out.push(newProbeTrack('startup', container.startupProbe, startedAtMs));
  if (container.livenessProbe) out.push(newProbeTrack('liveness', container.livenessProbe, startedAtMs));
  if (container.readinessProbe) out.push(newProbeTrack('readiness', container.readinessProbe, startedAtMs));
  return out;
}

/** started / ready as the prober manager reports them for a running container. */
export function probeVerdict(tracks: readonly ProbeTrack[]): { started: boolean; ready: boolean } {
  const startup = tracks.find((t) => t.kind === 'startup');
  const readiness = tracks.find((t) => t.kind === 'readiness');
  const started = !startup || startup.result === 'success';
  const ready = started && (!readiness || readiness.result === 'success');
  return { started, ready };
}
