import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  validateNameByRule,
} from '../../../lib/api/validation/names.ts';

// kube's exact texts, spelled out here so a drift in the implementation shows up.
const SUBDOMAIN = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ENV = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const CM_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Case = [string, string[]];

describe('isDns1123Subdomain', () => {
  const cases: Case[] = [
    ['a', []],
    ['example.com', []],
    ['0-9.a-b', []],
    ['a'.repeat(253), []],
    ['', [SUBDOMAIN]],
    ['Bad_Name', [SUBDOMAIN]],
    ['-a', [SUBDOMAIN]],
    ['a.', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['a\n', [SUBDOMAIN]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ];
  it.each(cases)('%j', (v, want) => expect(isDns1123Subdomain(v)).toEqual(want));
});

describe('isDns1123Label', () => {
  const cases: Case[] = [
    ['a', []],
    ['my-name', []],
    ['123-abc', []],
    ['a'.repeat(63), []],
    ['', [LABEL]],
    ['My-Name', [LABEL]],
    ['a-', [LABEL]],
    ['a.b', ['must not contain dots']],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['A'.repeat(64), ['must be no more than 63 characters', LABEL]],
  ];
  it.each(cases)('%j', (v, want) => expect(isDns1123Label(v)).toEqual(want));
});

describe('isQualifiedName', () => {
  const cases: Case[] = [
    ['app', []],
    ['MyName', []],
    ['my.name_1-x', []],
    ['example.com/MyName', []],
    ['app.kubernetes.io/name', []],
    ['', ['name part must be non-empty', `name part ${QNAME}`]],
    ['bad key', [`name part ${QNAME}`]],
    ['-x', [`name part ${QNAME}`]],
    ['/x', ['prefix part must be non-empty']],
    ['Example.com/x', [`prefix part ${SUBDOMAIN}`]],
    ['example.com/', ['name part must be non-empty', `name part ${QNAME}`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    [
      'a/b/c',
      [`a qualified name ${QNAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ],
  ];
  it.each(cases)('%j', (v, want) => expect(isQualifiedName(v)).toEqual(want));
});

describe('isValidLabelValue', () => {
  const cases: Case[] = [
    ['', []],
    ['v1', []],
    ['my_value', []],
    ['a'.repeat(63), []],
    ['a b', [LABEL_VALUE]],
    ['-a', [LABEL_VALUE]],
    ['a/b', [LABEL_VALUE]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  it.each(cases)('%j', (v, want) => expect(isValidLabelValue(v)).toEqual(want));
});

describe('isValidPortName', () => {
  const cases: Case[] = [
    ['http', []],
    ['http-alt', []],
    ['h2c', []],
    ['a'.repeat(15), []],
    ['a'.repeat(16), ['must be no more than 15 characters']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-ab', ['must not begin or end with a hyphen']],
  ];
  it.each(cases)('%j', (v, want) => expect(isValidPortName(v)).toEqual(want));
});

describe('isValidPortNum', () => {
  const cases: Array<[number, string[]]> = [
    [1, []],
    [65535, []],
    [0, ['must be between 1 and 65535, inclusive']],
    [65536, ['must be between 1 and 65535, inclusive']],
  ];
  it.each(cases)('%j', (v, want) => expect(isValidPortNum(v)).toEqual(want));
});

describe('isEnvVarName', () => {
  const cases: Case[] = [
    ['HOME', []],
    ['my.env-name', []],
    ['_x', []],
    ['1X', [ENV]],
    ['A B', [ENV]],
    ['.', ["must not be '.'"]],
    ['..', ["must not be '..'"]],
    ['..x', ["must not start with '..'"]],
  ];
  it.each(cases)('%j', (v, want) => expect(isEnvVarName(v)).toEqual(want));
});

describe('isConfigMapKey', () => {
  const cases: Case[] = [
    ['key.name', []],
    ['KEY_NAME', []],
    ['a/b', [CM_KEY]],
    ['..data', ["must not start with '..'"]],
  ];
  it.each(cases)('%j', (v, want) => expect(isConfigMapKey(v)).toEqual(want));
});

describe('path segment names', () => {
  const cases: Array<[string, boolean, string[]]> = [
    ['anything:Goes_Here', false, []],
    ['.', false, ["may not be '.'"]],
    ['..', false, ["may not be '..'"]],
    ['..', true, []],
    ['a/b%c', false, ["may not contain '/'", "may not contain '%'"]],
    ['a/', true, ["may not contain '/'"]],
  ];
  it.each(cases)('%j prefix=%j', (v, prefix, want) => expect(isValidPathSegmentName(v, prefix)).toEqual(want));
});

describe('validateNameByRule', () => {
  const cases: Array<[Parameters<typeof validateNameByRule>[0], string, boolean, number]> = [
    ['dns1123-subdomain', 'web-', true, 0],
    ['dns1123-subdomain', 'web-', false, 1],
    ['dns1123-subdomain', 'a.b-', true, 0],
    ['dns1123-label', 'web-', true, 0],
    ['dns1123-label', 'Web-', true, 1],
    ['dns1123-label', '-', true, 1],
    ['path-segment', 'x..', true, 0],
  ];
  it.each(cases)('%s %j prefix=%j', (rule, name, prefix, errors) => {
    expect(validateNameByRule(rule, name, prefix)).toHaveLength(errors);
  });
});
