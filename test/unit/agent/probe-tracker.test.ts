import { describe, expect, it } from 'vitest';
import { ProbeSet } from '../../../lib/agent/probe-set.ts';
import { demandsRestart, newProbeTrack, observeProbe, probeDue, probeSettings, probeVerdict } from '../../../lib/agent/probe-tracker.ts';

describe('probe tracking', () => {
  it('fills kube\'s defaults', () => {
    expect(probeSettings({})).toEqual({ initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3 });
    expect(probeSettings({ initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 1 })).toEqual({
      initialDelayMs: 5000, periodMs: 2000, timeoutMs: 3000, successThreshold: 2, failureThreshold: 1,
    });
  });

  it('starts readiness failing, liveness passing, startup unknown, and waits out the initial delay', () => {
    const probe = { initialDelaySeconds: 2 };
    expect(newProbeTrack('readiness', probe, 0).result).toBe('failure');
    expect(newProbeTrack('liveness', probe, 0).result).toBe('success');
    expect(newProbeTrack('startup', probe, 0).result).toBe('unknown');
    const t = newProbeTrack('readiness', probe, 1000);
    expect(probeDue(t, 2999, true)).toBe(false);
    expect(probeDue(t, 3000, true)).toBe(true);
    expect(probeDue(t, 3000, false)).toBe(false);
  });

  it('flips only after the threshold in a row', () => {
    let t = newProbeTrack('liveness', { failureThreshold: 3, periodSeconds: 1 }, 0);
    t = observeProbe(t, 'failure', 0);
    t = observeProbe(t, 'failure', 1000);
    expect(t.result).toBe('success');
    t = observeProbe(t, 'success', 2000);
    t = observeProbe(t, 'failure', 3000);
    t = observeProbe(t, 'failure', 4000);
    expect(demandsRestart(t)).toBe(false);
    t = observeProbe(t, 'failure', 5000);
    expect(t.result).toBe('failure');
    expect(demandsRestart(t)).toBe(true);
    expect(t.nextAtMs).toBe(6000);

    let r = newProbeTrack('readiness', { successThreshold: 2 }, 0);
    r = observeProbe(r, 'success', 0);
    expect(r.result).toBe('failure');
    r = observeProbe(r, 'success', 10);
    expect(r.result).toBe('success');
    expect(demandsRestart(observeProbe(observeProbe(observeProbe(r, 'failure', 1), 'failure', 2), 'failure', 3))).toBe(false);
  });

  it('gates readiness and liveness on startup', () => {
    const startup = newProbeTrack('startup', {}, 0);
    const readiness = newProbeTrack('readiness', {}, 0);
    expect(probeVerdict([startup, readiness])).toEqual({ started: false, ready: false });
    const passed = observeProbe(startup, 'success', 0);
    expect(probeDue(passed, 100_000, true)).toBe(false);
    expect(probeVerdict([passed, observeProbe(readiness, 'success', 0)])).toEqual({ started: true, ready: true });
    expect(probeVerdict([])).toEqual({ started: true, ready: true });
  });

  it('runs each probe of an instance once at a time and says when the next is due', () => {
    const set = new ProbeSet({ name: 'c', readinessProbe: { periodSeconds: 1 }, livenessProbe: { periodSeconds: 5, failureThreshold: 1 } }, 0);
    expect(set.verdict()).toEqual({ started: true, ready: false });
    const due = set.due(0, true).map((t) => t.kind);
    expect(due).toEqual(['liveness', 'readiness']);
    for (const k of due) set.begin(k);
    expect(set.due(0, true)).toEqual([]);
    expect(set.nextAt(true)).toBe(Infinity);
    expect(set.finish('readiness', 'success', 100)).toBeUndefined();
    expect(set.verdict().ready).toBe(true);
    expect(set.nextAt(true)).toBe(1100);
    expect(set.finish('liveness', 'failure', 200)).toBe('liveness');
  });
});
