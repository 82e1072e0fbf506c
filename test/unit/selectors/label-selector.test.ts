import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import {
  everythingLabels,
  formatLabelSelector,
  isEverything,
  labelSelectorFromSpec,
  matchesLabels,
  nothingLabels,
  parseLabelSelector,
} from '../../../lib/api/selectors/label-selector.ts';
import type { LabelRequirement, LabelSelector } from '../../../lib/api/selectors/label-selector.ts';

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

describe('parseLabelSelector: valid input', () => {
  // [input, requirements, canonical text]
  const cases: [string, LabelRequirement[], string][] = [
    ['', [], ''],
    ['   \t ', [], ''],
    ['x', [{ key: 'x', operator: 'Exists', values: [] }], 'x'],
    ['!canary', [{ key: 'canary', operator: 'DoesNotExist', values: [] }], '!canary'],
    ['  ! canary ', [{ key: 'canary', operator: 'DoesNotExist', values: [] }], '!canary'],
    ['a==b', [{ key: 'a', operator: 'Equals', values: ['b'] }], 'a=b'],
    ['a = b', [{ key: 'a', operator: 'Equals', values: ['b'] }], 'a=b'],
    [
      'app=web,tier!=db',
      [
        { key: 'app', operator: 'Equals', values: ['web'] },
        { key: 'tier', operator: 'NotEquals', values: ['db'] },
      ],
      'app=web,tier!=db',
    ],
    [
      'tier!=db , app=web',
      [
        { key: 'app', operator: 'Equals', values: ['web'] },
        { key: 'tier', operator: 'NotEquals', values: ['db'] },
      ],
      'app=web,tier!=db',
    ],
    ['app=', [{ key: 'app', operator: 'Equals', values: [''] }], 'app='],
    [
      'app=,b',
      [
        { key: 'app', operator: 'Equals', values: [''] },
        { key: 'b', operator: 'Exists', values: [] },
      ],
      'app=,b',
    ],
    ['env in (dev,prod)', [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }], 'env in (dev,prod)'],
    ['env in (prod,dev,prod)', [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }], 'env in (dev,prod)'],
    ['  env   in   ( dev ,  prod )  ', [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }], 'env in (dev,prod)'],
    ['env in(dev)', [{ key: 'env', operator: 'In', values: ['dev'] }], 'env in (dev)'],
    ['env notin (a)', [{ key: 'env', operator: 'NotIn', values: ['a'] }], 'env notin (a)'],
    // Empty values inside a set: "()" and stray commas each stand for "".
    ['x in ()', [{ key: 'x', operator: 'In', values: [''] }], 'x in ()'],
    ['x in (,a)', [{ key: 'x', operator: 'In', values: ['', 'a'] }], 'x in (,a)'],
    ['x in (a,)', [{ key: 'x', operator: 'In', values: ['', 'a'] }], 'x in (,a)'],
    ['x in (a,,b)', [{ key: 'x', operator: 'In', values: ['', 'a', 'b'] }], 'x in (,a,b)'],
    ['x notin (,)', [{ key: 'x', operator: 'NotIn', values: [''] }], 'x notin ()'],
    // in/notin are ordinary words where a key or value is expected.
    ['in in (in,notin)', [{ key: 'in', operator: 'In', values: ['in', 'notin'] }], 'in in (in,notin)'],
    ['notin=in', [{ key: 'notin', operator: 'Equals', values: ['in'] }], 'notin=in'],
    ['a>5', [{ key: 'a', operator: 'GreaterThan', values: ['5'] }], 'a>5'],
    ['a < 10', [{ key: 'a', operator: 'LessThan', values: ['10'] }], 'a<10'],
    ['example.com/app=web', [{ key: 'example.com/app', operator: 'Equals', values: ['web'] }], 'example.com/app=web'],
    ['app.kubernetes.io/name in (My_App.v2)', [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['My_App.v2'] }], 'app.kubernetes.io/name in (My_App.v2)'],
    [
      'a=b,a!=c',
      [
        { key: 'a', operator: 'Equals', values: ['b'] },
        { key: 'a', operator: 'NotEquals', values: ['c'] },
      ],
      'a=b,a!=c',
    ],
    [
      'z,!y,\tx=1',
      [
        { key: 'x', operator: 'Equals', values: ['1'] },
        { key: 'y', operator: 'DoesNotExist', values: [] },
        { key: 'z', operator: 'Exists', values: [] },
      ],
      'x=1,!y,z',
    ],
    [`k=${'v'.repeat(63)}`, [{ key: 'k', operator: 'Equals', values: ['v'.repeat(63)] }], `k=${'v'.repeat(63)}`],
  ];
  it.each(cases)('%j', (input, requirements, text) => {
    const sel = parseLabelSelector(input);
    expect(sel.requirements).toEqual(requirements);
    expect(sel.nothing).toBeFalsy();
    expect(formatLabelSelector(sel)).toBe(text);
    // The canonical text is itself a selector that parses to the same thing.
    expect(parseLabelSelector(text)).toEqual(sel);
  });
});

describe('parseLabelSelector: malformed input', () => {
  const cases: [string, string][] = [
    ['in (a)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a gt 1', "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"],
    ['env in dev', "unable to parse requirement: found 'dev' expected: '('"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['(a)', "found '(', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a,,b', "found ',', expected: identifier after ','"],
    ['a,=b', "found '=', expected: identifier after ','"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['a!=!b', "unable to parse requirement: found '!', expected: identifier"],
    ['env in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['env in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['env in (', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['env in (!)', "unable to parse requirement: found '!', expected: ',', ')' or identifier"],
    ['env in (a,', "unable to parse requirement: found '', expected: ',', or identifier"],
    ['env in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['env in (a))', "found ')', expected: ',' or 'end of string'"],
    ['a>b', `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a<99999999999999999999', `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`],
    // -1 is an integer but not a legal label value.
    ['a>-1', `unable to parse requirement: values[0][a]: Invalid value: "-1": ${valueRule}`],
    ['Bad$Key=x', `unable to parse requirement: key: Invalid value: "Bad$Key": name part ${nameRule}`],
    // The key is reported before a bad operator or value.
    ['-a b', `unable to parse requirement: key: Invalid value: "-a": name part ${nameRule}`],
    ['a=b$', `unable to parse requirement: values[0][a]: Invalid value: "b$": ${valueRule}`],
    ['x in (b$,a)', `unable to parse requirement: values[1][x]: Invalid value: "b$": ${valueRule}`],
    ['a=-', `unable to parse requirement: values[0][a]: Invalid value: "-": ${valueRule}`],
    [`a=${'v'.repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 bytes`],
    [`${'k'.repeat(64)}`, `unable to parse requirement: key: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 bytes`],
    ['/a', `unable to parse requirement: key: Invalid value: "/a": prefix part must be non-empty`],
    ['a/', `unable to parse requirement: key: Invalid value: "a/": name part must be non-empty; name part ${nameRule}`],
    [
      'a/b/c',
      `unable to parse requirement: key: Invalid value: "a/b/c": a valid label key ${nameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      'Example.com/a',
      'unable to parse requirement: key: Invalid value: "Example.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric ' +
        "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [`${'p'.repeat(254)}/a`, `unable to parse requirement: key: Invalid value: "${'p'.repeat(254)}/a": prefix part must be no more than 253 bytes`],
  ];
  it.each(cases)('%j', (input, message) => {
    const err = errorOf(() => parseLabelSelector(input));
    expect(err.message).toBe(message);
    expect(err.code).toBe(400);
  });

  it('stays linear on long hostile input', () => {
    const started = Date.now();
    errorOf(() => parseLabelSelector(`${'a'.repeat(200_000)}$=b`));
    errorOf(() => parseLabelSelector(`${'a.'.repeat(100_000)}-/b`));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'db', n: '5', empty: '' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['missing=x', false],
    ['app!=api', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['app in (api,web)', true],
    ['app in (api)', false],
    ['missing in (x)', false],
    ['app notin (web)', false],
    ['app notin (api)', true],
    ['missing notin (x)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['empty', true],
    ['empty=', true],
    ['empty in ()', true],
    ['missing=', false],
    ['missing in ()', false],
    ['n>4', true],
    ['n>5', false],
    ['n<6', true],
    ['n<5', false],
    ['app>1', false],
    ['missing<1', false],
    ['app=web,tier=db', true],
    ['app=web,tier=fe', false],
    ['app=web,tier!=fe,!canary,n', true],
    // Keys that exist on Object.prototype are not labels.
    ['constructor', false],
    ['!toString', true],
    ['valueOf!=x', true],
  ];
  it.each(cases)('%j', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each([
    ['', true],
    ['!a', true],
    ['a!=b', true],
    ['a notin (b)', true],
    ['a', false],
    ['a=', false],
  ] as [string, boolean][])('%j against absent labels', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), undefined)).toBe(expected);
    expect(matchesLabels(parseLabelSelector(selector), null)).toBe(expected);
    expect(matchesLabels(parseLabelSelector(selector), {})).toBe(expected);
  });

  it('compares integers numerically, not as strings, across the int64 range', () => {
    const big = { v: '9223372036854775807' };
    expect(matchesLabels(parseLabelSelector('v>9223372036854775806'), big)).toBe(true);
    expect(matchesLabels(parseLabelSelector('v<9223372036854775807'), big)).toBe(false);
    expect(matchesLabels(parseLabelSelector('v>10'), { v: '9' })).toBe(false);
    expect(matchesLabels(parseLabelSelector('v>10'), { v: '9223372036854775808' })).toBe(false);
  });

  it('never matches with the nothing selector', () => {
    expect(matchesLabels(nothingLabels, {})).toBe(false);
    expect(matchesLabels(labelSelectorFromSpec(null), labels)).toBe(false);
  });
});

describe('formatLabelSelector', () => {
  const cases: [LabelSelector, string][] = [
    [everythingLabels, ''],
    [nothingLabels, ''],
    [
      {
        requirements: [
          { key: 'b', operator: 'Exists', values: [] },
          { key: 'a', operator: 'In', values: ['z', 'y'] },
        ],
      },
      'a in (y,z),b',
    ],
    [
      {
        requirements: [
          { key: 'n', operator: 'GreaterThan', values: ['1'] },
          { key: 'm', operator: 'LessThan', values: ['9'] },
          { key: 'k', operator: 'NotEquals', values: [''] },
          { key: 'j', operator: 'NotIn', values: ['b', 'a'] },
          { key: 'i', operator: 'DoesNotExist', values: [] },
        ],
      },
      '!i,j notin (a,b),k!=,m<9,n>1',
    ],
  ];
  it.each(cases)('%j', (sel, text) => {
    expect(formatLabelSelector(sel)).toBe(text);
  });

  it('does not reorder the selector it is given', () => {
    const sel: LabelSelector = { requirements: [{ key: 'b', operator: 'In', values: ['y', 'x'] }, { key: 'a', operator: 'Exists', values: [] }] };
    formatLabelSelector(sel);
    expect(sel.requirements.map((r) => r.key)).toEqual(['b', 'a']);
    expect(sel.requirements[0]?.values).toEqual(['y', 'x']);
  });
});

describe('isEverything and the shared selectors', () => {
  it('tells everything from nothing and from real selectors', () => {
    expect(isEverything(everythingLabels)).toBe(true);
    expect(isEverything(parseLabelSelector(''))).toBe(true);
    expect(isEverything(parseLabelSelector('a'))).toBe(false);
    expect(isEverything(nothingLabels)).toBe(false);
    expect(matchesLabels(everythingLabels, { any: 'thing' })).toBe(true);
  });

  it('cannot be mutated by a careless caller', () => {
    expect(() => everythingLabels.requirements.push({ key: 'a', operator: 'Exists', values: [] })).toThrow(TypeError);
    expect(everythingLabels.requirements).toHaveLength(0);
  });
});
