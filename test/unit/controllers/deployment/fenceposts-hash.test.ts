import { describe, expect, it } from 'vitest';
import { podTemplateHash, resolveFenceposts } from '../../../../lib/controllers/deployment/plan.ts';

describe('resolveFenceposts', () => {
  it.each([
    [1, 0, 10, { surge: 1, unavailable: 0 }],
    [0, 2, 10, { surge: 0, unavailable: 2 }],
    ['25%', '25%', 10, { surge: 3, unavailable: 2 }],
    ['25%', '25%', 4, { surge: 1, unavailable: 1 }],
    ['25%', '25%', 1, { surge: 1, unavailable: 0 }],
    ['10%', '10%', 1, { surge: 1, unavailable: 0 }],
    ['0%', '10%', 5, { surge: 0, unavailable: 1 }],
    ['0%', '0%', 5, { surge: 0, unavailable: 1 }],
    [0, '20%', 3, { surge: 0, unavailable: 1 }],
    ['100%', '100%', 7, { surge: 7, unavailable: 7 }],
    ['33%', '33%', 10, { surge: 4, unavailable: 3 }],
    [undefined, undefined, 10, { surge: 0, unavailable: 1 }],
    ['50%', 'nonsense', 10, { surge: 5, unavailable: 0 }],
  ] as const)('surge %s, unavailable %s of %i', (surge, unavailable, replicas, expected) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual(expected);
  });
});

describe('podTemplateHash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };

  it('is stable and label-safe', () => {
    const h = podTemplateHash(template);
    expect(h).toBe(podTemplateHash(structuredClone(template)));
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('ignores key order, unset spellings and its own label', () => {
    const same = {
      spec: { volumes: [], containers: [{ image: 'nginx:1', name: 'c', args: null }] },
      metadata: { annotations: {}, labels: { 'pod-template-hash': 'zzz', app: 'web' } },
    };
    expect(podTemplateHash(same as never)).toBe(podTemplateHash(template));
  });

  it.each([
    ['the image', { ...template, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }, undefined],
    ['a label', { ...template, metadata: { labels: { app: 'web', v: '2' } } }, undefined],
    ['the collision count', template, 1],
  ])('changes with %s', (_name, other, collisionCount) => {
    expect(podTemplateHash(other, collisionCount)).not.toBe(podTemplateHash(template));
  });

  it('distinguishes collision counts from each other and from none', () => {
    const hashes = new Set([undefined, 0, 1, 2, 3].map((c) => podTemplateHash(template, c)));
    expect(hashes.size).toBe(5);
  });
});
