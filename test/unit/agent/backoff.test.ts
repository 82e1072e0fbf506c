import { describe, expect, it } from 'vitest';
import { advanceBackoff, inBackoff, KUBELET_BACKOFF, type BackoffEntry } from '../../../lib/agent/backoff.ts';
import { goDuration } from '../../../lib/agent/go-duration.ts';
import { decideRestart, restartPolicyOf, shouldRestart } from '../../../lib/agent/restart-policy.ts';

const cfg = KUBELET_BACKOFF;
const s = 1000;

describe('crash-loop back-off', () => {
  it('restarts at once the first time, then waits 10 s doubling to 5 min', () => {
    let entry: BackoffEntry | undefined;
    let now = 0;
    const waits: number[] = [];
    for (let crash = 0; crash < 8; crash++) {
      const exitedAt = now + s; // each run lasts a second
      now = exitedAt;
      if (inBackoff(entry, exitedAt, now, cfg)) {
        waits.push(entry!.delayMs);
        now = exitedAt + entry!.delayMs;
        expect(inBackoff(entry, exitedAt, now, cfg)).toBe(false);
      } else waits.push(0);
      entry = advanceBackoff(entry, exitedAt, now, cfg);
    }
    expect(waits).toEqual([0, 10 * s, 20 * s, 40 * s, 80 * s, 160 * s, 300 * s, 300 * s]);
  });

  it('starts over once a run lasted more than twice the cap', () => {
    const entry = { delayMs: 160 * s, lastUpdateMs: 0 };
    expect(inBackoff(entry, 10 * 60 * s + 1, 10 * 60 * s + 2, cfg)).toBe(false);
    expect(advanceBackoff(entry, 10 * 60 * s + 1, 10 * 60 * s + 2, cfg).delayMs).toBe(10 * s);
    expect(advanceBackoff(entry, 9 * 60 * s, 9 * 60 * s, cfg).delayMs).toBe(300 * s);
  });

  it('takes a configurable base so tests are quick', () => {
    const fast = { initialMs: 100, maxMs: 400 };
    let e = advanceBackoff(undefined, 0, 0, fast);
    expect(e.delayMs).toBe(100);
    e = advanceBackoff(e, 10, 10, fast);
    e = advanceBackoff(e, 20, 20, fast);
    e = advanceBackoff(e, 30, 30, fast);
    expect(e.delayMs).toBe(400);
  });
});

describe('goDuration', () => {
  it.each([
    [0, '0s'], [200, '200ms'], [1500, '1.5s'], [10_000, '10s'], [80_000, '1m20s'], [300_000, '5m0s'], [3_600_000, '1h0m0s'], [3_723_000, '1h2m3s'],
  ])('%d ms is %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});

describe('restart policy', () => {
  it.each([
    ['Always', 0, false, true], ['Always', 1, false, true],
    ['OnFailure', 0, false, false], ['OnFailure', 2, false, true],
    ['Never', 1, false, false], ['Never', 0, false, false],
    ['Always', 0, true, false], ['Always', 1, true, true], ['OnFailure', 1, true, true], ['Never', 1, true, false],
  ] as const)('%s, exit %d, init %s → restart %s', (policy, code, init, want) => {
    expect(shouldRestart(policy, code, init)).toBe(want);
  });

  it('defaults to Always', () => {
    expect(restartPolicyOf(undefined)).toBe('Always');
    expect(restartPolicyOf('Never')).toBe('Never');
  });

  it('says how long the back-off is, in kubelet\'s words', () => {
    const who = 'container=c pod=p_ns(u)';
    expect(decideRestart('Never', false, { exitCode: 1, finishedAtMs: 0 }, undefined, 0, cfg, who)).toEqual({ kind: 'stay' });
    expect(decideRestart('Always', false, { exitCode: 1, finishedAtMs: 0 }, undefined, 0, cfg, who)).toEqual({ kind: 'restart', backoff: { delayMs: 10 * s, lastUpdateMs: 0 } });
    expect(decideRestart('Always', false, { exitCode: 1, finishedAtMs: 5 * s }, { delayMs: 20 * s, lastUpdateMs: 0 }, 6 * s, cfg, who)).toEqual({
      kind: 'wait', untilMs: 25 * s, message: 'back-off 20s restarting failed container=c pod=p_ns(u)',
    });
  });
});
