import { describe, expect, it } from 'vitest';
import { humanDuration, since } from '../../../lib/apiserver/table/human-duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'], // truncated to -1s: tolerated clock skew
    [-1 * S, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * S, '5s'],
    [59 * S, '59s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [3 * M + 12 * S, '3m12s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 25 * M, '3h25m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 5 * D, '2y5d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 100 * D, '8y'],
    [40 * Y, '40y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('since (translateTimestampSince)', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it('measures from an RFC 3339 timestamp to now', () => {
    expect(since('2025-06-01T11:55:00Z', now)).toBe('5m');
    expect(since('2025-05-30T09:00:00Z', now)).toBe('2d3h');
  });

  it('prints <unknown> for a missing or unreadable timestamp', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since('', now)).toBe('<unknown>');
    expect(since('yesterday-ish', now)).toBe('<unknown>');
    expect(since(42, now)).toBe('<unknown>');
  });

  it('prints <invalid> for a timestamp well in the future', () => {
    expect(since('2025-06-01T12:00:05Z', now)).toBe('<invalid>');
    expect(since('2025-06-01T12:00:01Z', now)).toBe('0s');
  });
});
