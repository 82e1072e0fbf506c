import { describe, expect, it } from 'vitest';
import { podNamePrefix, podNamesForSlots, slotSuffix, SUFFIX_ALPHABET } from '../../../../lib/controllers/replicaset/pod-names.ts';

describe('slotSuffix', () => {
  it('is five characters of kube’s name-suffix alphabet', () => {
    for (let slot = 0; slot < 200; slot++) {
      const s = slotSuffix('uid-1', slot);
      expect(s).toHaveLength(5);
      expect([...s].every((c) => SUFFIX_ALPHABET.includes(c))).toBe(true);
    }
  });

  it('depends only on the owner uid and the slot', () => {
    expect(slotSuffix('uid-1', 3)).toBe(slotSuffix('uid-1', 3));
    expect(slotSuffix('uid-1', 3)).not.toBe(slotSuffix('uid-1', 4));
    expect(slotSuffix('uid-1', 3)).not.toBe(slotSuffix('uid-2', 3));
  });

  it('spreads slots over distinct suffixes', () => {
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => slotSuffix('uid-1', i)));
    expect(seen.size).toBeGreaterThan(995);
  });
});

describe('podNamesForSlots', () => {
  const slot = (i: number) => `web-${slotSuffix('u', i)}`;

  it('takes the lowest slots when nothing is taken', () => {
    expect(podNamesForSlots('web-', 'u', 3, new Set())).toEqual([slot(0), slot(1), slot(2)]);
  });

  it('skips names any pod holds, terminating or foreign, and fills the gaps first', () => {
    const taken = new Set([slot(0), slot(2), 'unrelated']);
    expect(podNamesForSlots('web-', 'u', 3, taken)).toEqual([slot(1), slot(3), slot(4)]);
  });

  it('gives the same names to every pass that sees the same pods (what makes replays collide)', () => {
    const taken = new Set([slot(1)]);
    expect(podNamesForSlots('web-', 'u', 2, taken)).toEqual(podNamesForSlots('web-', 'u', 2, new Set(taken)));
  });

  it('a pass that sees part of an earlier pass’s creates picks the rest of the same names', () => {
    const first = podNamesForSlots('web-', 'u', 4, new Set());
    const later = podNamesForSlots('web-', 'u', 2, new Set(first.slice(0, 2)));
    expect(later).toEqual(first.slice(2));
  });

  it('returns nothing for nothing', () => {
    expect(podNamesForSlots('web-', 'u', 0, new Set())).toEqual([]);
  });
});

describe('podNamePrefix', () => {
  it('keeps short prefixes and truncates long ones as kube-apiserver truncates generateName', () => {
    expect(podNamePrefix('web-')).toBe('web-');
    const long = `${'a'.repeat(70)}-`;
    expect(podNamePrefix(long)).toBe('a'.repeat(58));
    expect((podNamePrefix(long) + slotSuffix('u', 0)).length).toBe(63);
  });
});
