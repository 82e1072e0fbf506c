// Shared fixtures for the strategic merge tests: a small synthetic schema shaped like
// apimachinery's own test type (one list of each strategy, a retainKeys map, a replace map).
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import type { PatchSchema } from '../../../lib/api/patch/patch-schema.ts';
import { applyStrategicMergePatch } from '../../../lib/api/patch/strategic-merge.ts';

export const schema: PatchSchema = {
  fields: {
    mergingList: {
      strategy: 'merge',
      mergeKey: 'name',
      items: { fields: { mergingList: { strategy: 'merge', mergeKey: 'name' }, mergingIntList: { strategy: 'merge' } } },
    },
    mergingIntList: { strategy: 'merge' },
    nonMergingList: {},
    nonMergingIntList: {},
    retainKeysMap: { strategy: 'retainKeys' },
    replaceMap: { strategy: 'replace' },
    $ref: {},
  },
};

export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Every `$` key left in a result, except the schema's declared `$ref`. */
export function directivesIn(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => directivesIn(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => [
    ...(k.startsWith('$') && k !== '$ref' ? [`${path}.${k}`] : []),
    ...directivesIn(x, `${path}.${k}`),
  ]);
}

export type Case = [name: string, original: unknown, patch: Record<string, unknown>, expected: unknown];

export function run(cases: Case[]): void {
  it.each(cases)('%s', (_name, original, patch, expected) => {
    const out = applyStrategicMergePatch(deepFreeze(original), deepFreeze(patch), schema);
    expect(out).toEqual(expected);
    expect(directivesIn(out)).toEqual([]);
  });
}

export function failsWith(original: unknown, patch: unknown, message: RegExp, withSchema = true): void {
  let err: unknown;
  try {
    applyStrategicMergePatch(original, patch, withSchema ? schema : undefined);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(BadRequestError);
  expect((err as Error).message).toMatch(message);
}
