import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import { formatLabelSelector, isEverything, labelSelectorFromSpec, matchesLabels } from '../../../lib/api/selectors/label-selector.ts';
import type { LabelRequirement, LabelSelectorSpec } from '../../../lib/api/selectors/label-selector.ts';

function errorOf(fn: () => unknown): BadRequestError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    return err as BadRequestError;
  }
  throw new Error('expected a BadRequestError, but nothing was thrown');
}

const nameRule =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRule =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('labelSelectorFromSpec', () => {
  const cases: [string, LabelSelectorSpec, string, LabelRequirement[]][] = [
    ['empty object', {}, '', []],
    ['empty lists', { matchLabels: {}, matchExpressions: [] }, '', []],
    [
      'matchLabels, sorted by key',
      { matchLabels: { tier: 'fe', app: 'web' } },
      'app=web,tier=fe',
      [
        { key: 'app', operator: 'Equals', values: ['web'] },
        { key: 'tier', operator: 'Equals', values: ['fe'] },
      ],
    ],
    ['empty label value', { matchLabels: { app: '' } }, 'app=', [{ key: 'app', operator: 'Equals', values: [''] }]],
    [
      'In keeps the written order; only the text is sorted',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] },
      'env in (dev,prod)',
      [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
    ],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, 'env notin (a)', [{ key: 'env', operator: 'NotIn', values: ['a'] }]],
    ['Exists', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, 'env', [{ key: 'env', operator: 'Exists', values: [] }]],
    ['DoesNotExist', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }] }, '!env', [{ key: 'env', operator: 'DoesNotExist', values: [] }]],
    [
      'labels and expressions merged by key',
      { matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'm', operator: 'In', values: ['x'] }] },
      'a,m in (x),z=1',
      [
        { key: 'a', operator: 'Exists', values: [] },
        { key: 'm', operator: 'In', values: ['x'] },
        { key: 'z', operator: 'Equals', values: ['1'] },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, spec, text, requirements) => {
    const sel = labelSelectorFromSpec(spec);
    expect(sel.nothing).toBeFalsy();
    expect(sel.requirements).toEqual(requirements);
    expect(formatLabelSelector(sel)).toBe(text);
    expect(isEverything(sel)).toBe(requirements.length === 0);
  });

  it.each([null, undefined])('%s selects nothing', (spec) => {
    const sel = labelSelectorFromSpec(spec);
    expect(sel.nothing).toBe(true);
    expect(isEverything(sel)).toBe(false);
    expect(matchesLabels(sel, {})).toBe(false);
    expect(formatLabelSelector(sel)).toBe('');
  });

  const bad: [string, LabelSelectorSpec, string][] = [
    ['unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '"Gt" is not a valid label selector operator'],
    ['operators are case-sensitive', { matchExpressions: [{ key: 'a', operator: 'in', values: ['1'] }] }, '"in" is not a valid label selector operator'],
    ['no prototype lookups', { matchExpressions: [{ key: 'a', operator: 'toString' }] }, '"toString" is not a valid label selector operator'],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"],
    ['NotIn with values omitted', { matchExpressions: [{ key: 'a', operator: 'NotIn' }] }, "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    ['bad matchLabels key', { matchLabels: { 'bad key': 'x' } }, `key: Invalid value: "bad key": name part ${nameRule}`],
    ['bad matchLabels value', { matchLabels: { app: 'a b' } }, `values[0][app]: Invalid value: "a b": ${valueRule}`],
    [
      'several problems are listed together',
      { matchExpressions: [{ key: '', operator: 'In', values: [] }] },
      `[key: Invalid value: "": name part must be non-empty; name part ${nameRule}, values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty]`,
    ],
  ];
  it.each(bad)('rejects: %s', (_name, spec, message) => {
    expect(errorOf(() => labelSelectorFromSpec(spec)).message).toBe(message);
  });
});
