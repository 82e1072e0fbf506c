import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import { validateLabelSelector } from '../../../lib/api/validation/label-selector.ts';

const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const P = 'spec.selector';
const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });

describe('validateLabelSelector', () => {
  const cases: Array<[string, unknown, StatusCause[]]> = [
    ['nil selector', undefined, []],
    ['empty selector', {}, []],
    ['matchLabels', { matchLabels: { app: 'web', 'app.kubernetes.io/tier': 'front' } }, []],
    [
      'every operator used correctly',
      {
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'spot', operator: 'DoesNotExist', values: [] },
        ],
      },
      [],
    ],
    [
      'bad matchLabels key and value',
      { matchLabels: { 'a b': 'x', app: 'we b' } },
      [inv(`${P}.matchLabels`, `Invalid value: "a b": name part ${QNAME}`), inv(`${P}.matchLabels`, `Invalid value: "we b": ${LABEL_VALUE}`)],
    ],
    [
      'In without values',
      { matchExpressions: [{ key: 'env', operator: 'In' }] },
      [{ reason: 'FieldValueRequired', field: `${P}.matchExpressions[0].values`, message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }],
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] },
      [
        {
          reason: 'FieldValueForbidden',
          field: `${P}.matchExpressions[0].values`,
          message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        },
      ],
    ],
    [
      'unknown operator',
      { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['x'] }] },
      [inv(`${P}.matchExpressions[0].operator`, 'Invalid value: "Equals": not a valid selector operator')],
    ],
    [
      'missing key and operator',
      { matchExpressions: [{}] },
      [
        inv(`${P}.matchExpressions[0].operator`, 'Invalid value: "": not a valid selector operator'),
        inv(`${P}.matchExpressions[0].key`, 'Invalid value: "": name part must be non-empty'),
        inv(`${P}.matchExpressions[0].key`, `Invalid value: "": name part ${QNAME}`),
      ],
    ],
    [
      'bad value at its index',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['ok', '-bad'] }] },
      [inv(`${P}.matchExpressions[0].values[1]`, `Invalid value: "-bad": ${LABEL_VALUE}`)],
    ],
    [
      'wrong JSON types',
      { matchLabels: 'app=web', matchExpressions: [7] },
      [
        { reason: 'FieldValueTypeInvalid', field: `${P}.matchLabels`, message: 'Invalid value: "app=web": must be of type object' },
        { reason: 'FieldValueTypeInvalid', field: `${P}.matchExpressions[0]`, message: 'Invalid value: 7: must be of type object' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, sel, want) => {
    expect(validateLabelSelector(sel, P)).toEqual(want);
  });
});
