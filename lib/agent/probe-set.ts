// The probes of one running container instance: which are due, which are in flight, what
// they concluded. A new instance gets a new set, so results never leak across restarts.
import type { Container } from 'kubernetes-types/core/v1';
import { demandsRestart, observeProbe, probeDue, probeVerdict, tracksFor, type ProbeKind, type ProbeOutcome, type ProbeTrack } from './probe-tracker.ts';

export class ProbeSet {
  private tracks: ProbeTrack[];
  private readonly inFlight = new Set<ProbeKind>();

  constructor(container: Container, startedAtMs: number) {
    this.tracks = tracksFor(container, startedAtMs);
  }

  due(nowMs: number, started: boolean): ProbeTrack[] {
    return this.tracks.filter((t) => !this.inFlight.has(t.kind) && probeDue(t, nowMs, started));
  }

  begin(kind: ProbeKind): void {
    this.inFlight.add(kind);
  }

  /** Records an outcome; returns the probe kind when it now demands a restart. */
  finish(kind: ProbeKind, outcome: ProbeOutcome, nowMs: number): ProbeKind | undefined {
    this.inFlight.delete(kind);
    this.tracks = this.tracks.map((t) => (t.kind === kind ? observeProbe(t, outcome, nowMs) : t));
    const track = this.tracks.find((t) => t.kind === kind);
    return track && demandsRestart(track) ? kind : undefined;
  }

  verdict(): { started: boolean; ready: boolean } {
    return probeVerdict(this.tracks);
  }

  /** The earliest time a probe that is not running could become due. */
  nextAt(started: boolean): number {
    let next = Infinity;
    for (const t of this.tracks) {
      if (this.inFlight.has(t.kind)) continue;
      if (t.kind !== 'startup' && !started) continue;
      if (t.kind === 'startup' && t.result === 'success') continue;
      next = Math.min(next, t.nextAtMs);
    }
    return next;
  }
}
