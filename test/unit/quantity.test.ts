import { describe, expect, it } from 'vitest';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  QuantityParseError,
  quantityToString,
  toBase,
  toMilli,
} from '../../lib/api/quantity.ts';

const FORMAT_ERR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_ERR = "unable to parse quantity's suffix";

describe('parseQuantity', () => {
  // input, millis, base units, canonical string (what kube's Quantity.String() prints)
  const cases: Array<[string | number, bigint, bigint, string]> = [
    ['1', 1000n, 1n, '1'],
    ['0', 0n, 0n, '0'],
    ['100m', 100n, 1n, '100m'],
    ['0.1', 100n, 1n, '100m'],
    ['.5', 500n, 1n, '500m'],
    ['1.', 1000n, 1n, '1'],
    ['1.5', 1500n, 2n, '1500m'],
    ['1500m', 1500n, 2n, '1500m'],
    ['1000m', 1000n, 1n, '1'],
    ['2000m', 2000n, 2n, '2'],
    ['1000', 1000000n, 1000n, '1k'],
    ['1500', 1500000n, 1500n, '1500'],
    ['1k', 1000000n, 1000n, '1k'],
    ['129M', 129000000000n, 129000000n, '129M'],
    ['1E', 10n ** 21n, 10n ** 18n, '1E'],
    ['1n', 1n, 1n, '1n'],
    ['1u', 1n, 1n, '1u'],
    ['250u', 1n, 1n, '250u'],
    ['0.0000000001', 1n, 1n, '1n'],
    ['-1', -1000n, -1n, '-1'],
    ['-0.0000000001', -1n, -1n, '-1n'],
    ['+5', 5000n, 5n, '5'],
    ['007', 7000n, 7n, '7'],
    ['.', 0n, 0n, '0'],
    ['1Ki', 1024000n, 1024n, '1Ki'],
    ['1024Ki', 1048576000n, 1048576n, '1Mi'],
    ['1.5Gi', 1610612736000n, 1610612736n, '1536Mi'],
    ['128974848', 128974848000n, 128974848n, '128974848'],
    ['123Mi', 128974848000n, 128974848n, '123Mi'],
    ['0.5Ki', 512000n, 512n, '512'],
    ['1.1Ki', 1126400n, 1127n, '1126400m'],
    ['0Ki', 0n, 0n, '0'],
    ['16374768Ki', 16767762432000n, 16767762432n, '16374768Ki'],
    ['8Ei', (2n ** 63n - 1n) * 1000n, 2n ** 63n - 1n, '9223372036854775807'],
    ['1e3', 1000000n, 1000n, '1e3'],
    ['1E3', 1000000n, 1000n, '1e3'],
    ['129e6', 129000000000n, 129000000n, '129e6'],
    ['1e-3', 1n, 1n, '1e-3'],
    ['1.5e3', 1500000n, 1500n, '1500'],
    ['1e+3', 1000000n, 1000n, '1e3'],
    ['1e-100000', 1n, 1n, '1e-9'],
    ['12345678901234567890', 12345678901234567890000n, 12345678901234567890n, '12345678901234567890'],
    ['  2  ', 2000n, 2n, '2'],
    [0.5, 500n, 1n, '500m'],
    [3, 3000n, 3n, '3'],
    [1e21, 10n ** 24n, 10n ** 21n, '1e21'],
  ];
  it.each(cases)('%j', (input, milli, base, canonical) => {
    const q = parseQuantity(input);
    expect(toMilli(q)).toBe(milli);
    expect(toBase(q)).toBe(base);
    expect(quantityToString(q)).toBe(canonical);
  });

  it('records the format the user wrote', () => {
    expect(parseQuantity('1Gi').format).toBe('BinarySI');
    expect(parseQuantity('1G').format).toBe('DecimalSI');
    expect(parseQuantity('1e9').format).toBe('DecimalExponent');
    // A fraction of a byte cannot keep a binary suffix.
    expect(parseQuantity('0.0001Ki').format).toBe('DecimalSI');
  });

  it('keeps exact nanos so sums do not drift', () => {
    const sum = ['0.1', '0.2'].map((s) => parseQuantity(s).nanos).reduce((a, b) => a + b);
    expect(sum).toBe(300_000_000n);
  });

  const bad: Array<[string | number, string]> = [
    ['', FORMAT_ERR],
    ['   ', FORMAT_ERR],
    ['abc', FORMAT_ERR],
    ['1.2.3', FORMAT_ERR],
    ['1 Gi', FORMAT_ERR],
    ['1Gb', FORMAT_ERR],
    ['1gi', FORMAT_ERR],
    ['1e3.5', FORMAT_ERR],
    [Number.NaN, FORMAT_ERR],
    [Number.POSITIVE_INFINITY, FORMAT_ERR],
    ['1mi', SUFFIX_ERR],
    ['1e', SUFFIX_ERR],
    ['1k3', SUFFIX_ERR],
    ['1Ki3', SUFFIX_ERR],
    ['1-', SUFFIX_ERR],
    ['1e+', SUFFIX_ERR],
    ['1e99999999999999999999', SUFFIX_ERR],
    ['1e1001', 'quantity is too large'],
  ];
  it.each(bad)('rejects %j', (input, message) => {
    let caught: unknown;
    try {
      parseQuantity(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuantityParseError);
    expect((caught as Error).message).toBe(message);
  });
});

describe('compareQuantities', () => {
  const cases: Array<[string, string, -1 | 0 | 1]> = [
    ['1', '1000m', 0],
    ['1Gi', '1G', 1],
    ['500m', '0.5', 0],
    ['-1', '0', -1],
    ['1Ki', '1k', 1],
  ];
  it.each(cases)('%s vs %s', (a, b, want) => {
    expect(compareQuantities(parseQuantity(a), parseQuantity(b))).toBe(want);
  });
});

describe('formatQuantity', () => {
  const cases: Array<[bigint | number, Parameters<typeof formatQuantity>[1], string]> = [
    [2000n, 'milli', '2'],
    [500n, 'milli', '500m'],
    [1500n, 'milli', '1500m'],
    [0n, 'milli', '0'],
    [3900, 'milli', '3900m'],
    [1073741824n, 'BinarySI', '1Gi'],
    [16767762432n, 'BinarySI', '16374768Ki'],
    // Below 1024 kube switches to decimal suffixes; above it, an indivisible count stays bare.
    [1000n, 'BinarySI', '1k'],
    [2000n, 'BinarySI', '2000'],
    [1536n * 1024n * 1024n, 'BinarySI', '1536Mi'],
    [2n ** 70n, 'BinarySI', '1024Ei'],
    [110n, 'DecimalSI', '110'],
    [4000n, 'DecimalSI', '4k'],
    [10n ** 21n, 'DecimalSI', '1000E'],
    [5000n, 'DecimalExponent', '5e3'],
  ];
  it.each(cases)('%s as %s', (value, format, want) => {
    expect(formatQuantity(value, format)).toBe(want);
  });

  it('round-trips through parseQuantity', () => {
    for (const s of ['500m', '2', '1Gi', '16374768Ki', '129M', '1e3']) {
      expect(quantityToString(parseQuantity(quantityToString(parseQuantity(s))))).toBe(quantityToString(parseQuantity(s)));
    }
  });

  it('refuses non-integers', () => {
    expect(() => formatQuantity(1.5, 'milli')).toThrow(RangeError);
  });
});
