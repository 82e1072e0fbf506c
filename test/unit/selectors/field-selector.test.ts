import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import {
  checkSupportedFields,
  equalityRequirement,
  escapeFieldValue,
  everythingFields,
  fieldValue,
  formatFieldSelector,
  matchesFields,
  parseFieldSelector,
  unescapeFieldValue,
} from '../../../lib/api/selectors/field-selector.ts';
import type { FieldRequirement } from '../../../lib/api/selectors/field-selector.ts';

function errorOf(fn: () => unknown): BadRequestError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    return err as BadRequestError;
  }
  throw new Error('expected a BadRequestError, but nothing was thrown');
}

const eq = (field: string, value: string): FieldRequirement => ({ field, operator: 'Equals', value });
const ne = (field: string, value: string): FieldRequirement => ({ field, operator: 'NotEquals', value });

describe('parseFieldSelector: valid input', () => {
  const cases: [string, FieldRequirement[]][] = [
    ['', []],
    ['metadata.name=foo', [eq('metadata.name', 'foo')]],
    ['metadata.name==foo', [eq('metadata.name', 'foo')]],
    ['spec.nodeName!=n1', [ne('spec.nodeName', 'n1')]],
    ['spec.nodeName=', [eq('spec.nodeName', '')]],
    ['spec.nodeName!=', [ne('spec.nodeName', '')]],
    // Terms come back sorted by their source text, as kube orders them.
    ['status.phase=Running,metadata.name=a', [eq('metadata.name', 'a'), eq('status.phase', 'Running')]],
    // Empty terms, and terms with neither field nor value, are dropped.
    ['a=1,,b=2', [eq('a', '1'), eq('b', '2')]],
    [',', []],
    ['=', []],
    ['==', []],
    ['!=,a=1', [eq('a', '1')]],
    // A field-less term survives parsing; checkSupportedFields rejects it later.
    ['=foo', [eq('', 'foo')]],
    // The leftmost operator splits; "!" is only special as part of "!=".
    ['a!b=c', [eq('a!b', 'c')]],
    ['a=b!c', [eq('a', 'b!c')]],
    ['a=!b', [eq('a', '!b')]],
    // No whitespace trimming: the spaces belong to the field and value.
    [' a = b ', [eq(' a ', ' b ')]],
    // Escapes: \\ \, \= and nothing else.
    ['a=b\\,c', [eq('a', 'b,c')]],
    ['a=b\\=c', [eq('a', 'b=c')]],
    ['a=b\\\\c', [eq('a', 'b\\c')]],
    ['a=b\\\\,c=d', [eq('a', 'b\\'), eq('c', 'd')]],
    ['a!=\\,\\=\\\\', [ne('a', ',=\\')]],
    ['involvedObject.kind=Pod,involvedObject.name=web-0', [eq('involvedObject.kind', 'Pod'), eq('involvedObject.name', 'web-0')]],
  ];
  it.each(cases)('%j', (input, requirements) => {
    expect(parseFieldSelector(input).requirements).toEqual(requirements);
  });
});

describe('parseFieldSelector: malformed input', () => {
  const cases: [string, string][] = [
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['a>1', "invalid selector: 'a>1'; can't understand 'a>1'"],
    ['a=b=c', "invalid field selector: unescaped character in value: '='"],
    ['a===b', "invalid field selector: unescaped character in value: '='"],
    ['a!==b', "invalid field selector: unescaped character in value: '='"],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    // kube does not treat "!" as escapable.
    ['a=b\\!', 'invalid field selector: invalid escape sequence: \\!'],
    // Terms are checked in sorted order, so the earliest-sorting bad term is reported.
    ['z=1=2,foo', "invalid selector: 'z=1=2,foo'; can't understand 'foo'"],
  ];
  it.each(cases)('%j', (input, message) => {
    const err = errorOf(() => parseFieldSelector(input));
    expect(err.message).toBe(message);
    expect(err.code).toBe(400);
  });
});

describe('escaping', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['', ''],
    ['a,b', 'a\\,b'],
    ['a=b', 'a\\=b'],
    ['a\\b', 'a\\\\b'],
    ['\\,=', '\\\\\\,\\='],
    ['not!special', 'not!special'],
    ['ünïcödé', 'ünïcödé'],
  ];
  it.each(cases)('%j <-> %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });

  it.each(['a,b', 'a=b', 'trailing\\', 'x\\y', 'p\\!'])('rejects %j as an escaped value', (text) => {
    errorOf(() => unescapeFieldValue(text));
  });

  it.each(['a,b=c', '\\', '=,=', 'x\\,y'])('any value survives format and parse: %j', (value) => {
    const text = formatFieldSelector({ requirements: [eq('spec.x', value), ne('spec.y', value)] });
    expect(parseFieldSelector(text).requirements).toEqual([eq('spec.x', value), ne('spec.y', value)]);
  });
});

describe('formatFieldSelector', () => {
  it.each([
    ['', ''],
    ['metadata.name=a', 'metadata.name=a'],
    ['metadata.name==a', 'metadata.name=a'],
    ['b!=x\\,y,a=1', 'a=1,b!=x\\,y'],
  ])('%j -> %j', (input, text) => {
    expect(formatFieldSelector(parseFieldSelector(input))).toBe(text);
  });
});

describe('matchesFields', () => {
  const scheduled = {
    metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'n1', replicas: 3, unschedulable: true, containers: [{ name: 'c' }], priority: null },
    status: { phase: 'Running' },
  };
  const pending = { metadata: { name: 'web-1', namespace: 'default' }, spec: {} };
  const cases: [string, unknown, boolean][] = [
    ['', scheduled, true],
    ['metadata.name=web-0', scheduled, true],
    ['metadata.name=web-1', scheduled, false],
    ['metadata.name!=web-1', scheduled, true],
    ['metadata.name=web-0,metadata.namespace=default', scheduled, true],
    ['metadata.name=web-0,metadata.namespace=kube-system', scheduled, false],
    // A missing field reads as "", so "spec.nodeName=" finds unscheduled pods.
    ['spec.nodeName=', pending, true],
    ['spec.nodeName=', scheduled, false],
    ['spec.nodeName!=', scheduled, true],
    ['spec.nodeName!=', pending, false],
    ['spec.nodeName=n1', pending, false],
    ['status.phase=', pending, true],
    // Scalars compare by their string form.
    ['spec.replicas=3', scheduled, true],
    ['spec.unschedulable=true', scheduled, true],
    ['spec.unschedulable!=false', scheduled, true],
    // null and non-scalar fields read as "".
    ['spec.priority=', scheduled, true],
    ['metadata.labels=', scheduled, true],
    ['spec.containers=', scheduled, true],
    ['spec.containers.0.name=', scheduled, true],
    // Properties of Object.prototype are not fields.
    ['metadata.constructor=', scheduled, true],
    ['metadata.__proto__=', scheduled, true],
    ['metadata.name.length=', scheduled, true],
    // Anything that is not an object has only empty fields.
    ['metadata.name=', null, true],
    ['metadata.name=', undefined, true],
    ['metadata.name=', 'web-0', true],
    ['metadata.name!=', 42, false],
  ];
  it.each(cases)('%j on %j', (selector, obj, expected) => {
    expect(matchesFields(parseFieldSelector(selector), obj)).toBe(expected);
  });

  it('reads values through fieldValue', () => {
    expect(fieldValue(scheduled, 'spec.nodeName')).toBe('n1');
    expect(fieldValue(scheduled, 'spec.replicas')).toBe('3');
    expect(fieldValue(scheduled, 'nope')).toBe('');
    expect(fieldValue({ '': { '': 'x' } }, '.')).toBe('x');
  });

  it('everything matches any object', () => {
    expect(matchesFields(everythingFields, scheduled)).toBe(true);
    expect(matchesFields(everythingFields, null)).toBe(true);
  });
});

describe('equalityRequirement', () => {
  const cases: [string, string, string | undefined][] = [
    ['spec.nodeName=n1', 'spec.nodeName', 'n1'],
    ['spec.nodeName==n1', 'spec.nodeName', 'n1'],
    ['spec.nodeName=', 'spec.nodeName', ''],
    ['spec.nodeName!=n1', 'spec.nodeName', undefined],
    ['metadata.name=a', 'spec.nodeName', undefined],
    ['spec.nodeName!=a,spec.nodeName=b', 'spec.nodeName', 'b'],
    ['', 'spec.nodeName', undefined],
  ];
  it.each(cases)('%j, %j', (selector, field, expected) => {
    expect(equalityRequirement(parseFieldSelector(selector), field)).toBe(expected);
  });
});

describe('checkSupportedFields', () => {
  const podFields = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'] as const;
  it.each(['', 'metadata.name=a', 'spec.nodeName=,status.phase!=Failed'])('accepts %j', (selector) => {
    expect(() => checkSupportedFields(parseFieldSelector(selector), podFields, 'Pod')).not.toThrow();
  });

  const bad: [string, string][] = [
    ['foo=bar', 'field label not supported: foo'],
    ['metadata.name=a,spec.host=n1', 'field label not supported: spec.host'],
    ['=x', 'field label not supported: '],
    [' metadata.name=a', 'field label not supported:  metadata.name'],
  ];
  it.each(bad)('rejects %j', (selector, message) => {
    const err = errorOf(() => checkSupportedFields(parseFieldSelector(selector), podFields));
    expect(err.message).toBe(message);
    expect(err.code).toBe(400);
    expect(err.details).toBeUndefined();
  });
});
