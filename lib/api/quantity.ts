// Kubernetes resource.Quantity: parsing, canonical printing and exact integer views.
//
// Kube parses into an inf.Dec and immediately rounds any value finer than 1n up (away from
// zero) to the next nano, so after parsing every quantity is an exact whole number of
// nano-units. That is the representation here: a bigint count of 1e-9 units plus the
// format the user wrote (which decides how it prints). All arithmetic is exact; nothing
// goes through floating point, so "0.1" + "0.2" CPUs are exactly 300 millicores.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 1e-9, already rounded away from zero as kube does. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** kube's ErrFormatWrong text; validation reports it as the cause message. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** kube's ErrSuffix text: the shape was right but the suffix is not one kube knows. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const NANO = 1_000_000_000n;
const MILLI_IN_NANOS = 1_000_000n;
// Kube caps binary-suffixed quantities at the largest int64; decimal ones are unbounded.
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANO;
// Bound on decimal exponents so "1e999999999" cannot make us build a gigabit integer.
// Kube accepts any int32 exponent, but nothing schedulable is anywhere near 1e1000.
const MAX_DECIMAL_EXPONENT = 1000;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix {
  const dec = DECIMAL_SUFFIXES[s];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[s];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  // "e3", "E-2", "e+21": a decimal exponent. A lone "E" is exa, handled above.
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    const exp = BigInt(s.slice(1));
    if (exp > 2n ** 63n - 1n || exp < -(2n ** 63n)) throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
    if (exp > BigInt(MAX_DECIMAL_EXPONENT)) throw new QuantityParseError('quantity is too large');
    // Anything below 1e-1000000 rounds to one nano exactly like 1e-1000000 does.
    return { base: 10, exponent: Math.max(Number(exp), -1_000_000), format: 'DecimalExponent' };
  }
  throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Splits `[sign] digits [. digits] suffix-letters [sign digits]` the way kube's scanner
 * does, including its leniencies: "." and "-" alone parse as zero, "1." is allowed.
 */
function scan(str: string): { negative: boolean; digits: string; fractionDigits: number; suffix: string } {
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  const intStart = pos;
  while (isDigit(str[pos])) pos++;
  const intPart = str.slice(intStart, pos);
  let fracPart = '';
  if (str[pos] === '.') {
    const fracStart = ++pos;
    while (isDigit(str[pos])) pos++;
    fracPart = str.slice(fracStart, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos !== str.length) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  return { negative, digits: (intPart + fracPart).replace(/^0+/, '') || '0', fractionDigits: fracPart.length, suffix: str.slice(suffixStart) };
}

/** Integer division rounding away from zero (kube's inf.RoundUp and ScaledValue). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/**
 * Parses a quantity as kube's JSON decoder does (surrounding whitespace trimmed, bare
 * JSON numbers accepted). Throws QuantityParseError with kube's message on bad input.
 */
export function parseQuantity(input: string | number): Quantity {
  let str: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
    str = String(input);
  } else {
    str = input.trim();
  }
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  const { negative, digits, fractionDigits, suffix } = scan(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);

  // value = digits * 10^-fractionDigits * base^exponent; in nanos, multiply by 10^9.
  let mantissa = BigInt(digits);
  let tenPower = 9 - fractionDigits;
  if (base === 10) tenPower += exponent;
  else mantissa <<= BigInt(exponent);

  let nanos: bigint;
  if (tenPower >= 0) nanos = mantissa * 10n ** BigInt(tenPower);
  else if (mantissa === 0n) nanos = 0n;
  // Far below one nano: the quotient is zero with a remainder, so it rounds up to 1.
  else if (-tenPower > mantissa.toString().length) nanos = 1n;
  else nanos = divAwayFromZero(mantissa, 10n ** BigInt(-tenPower));

  let format = parsedFormat;
  if (format === 'BinarySI') {
    if (nanos > MAX_BINARY_NANOS) nanos = MAX_BINARY_NANOS;
    // A fraction of a byte cannot print with a binary suffix.
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI';
  }
  return { nanos: negative ? -nanos : nanos, format };
}

/** Millicores and the like, rounded away from zero (kube's MilliValue). */
export function toMilli(q: Quantity): bigint {
  return divAwayFromZero(q.nanos, MILLI_IN_NANOS);
}

/** Whole units (bytes, pods), rounded away from zero (kube's Value). */
export function toBase(q: Quantity): bigint {
  return divAwayFromZero(q.nanos, NANO);
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function formatDecimal(nanos: bigint, format: 'DecimalSI' | 'DecimalExponent'): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // Suffixes step by thousands: lower the exponent to a multiple of 3 (1.5 -> 1500m).
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Past exa there is no suffix; kube would drop the exponent, we keep the value right.
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
}

function formatBinary(base: bigint): string {
  let amount = base;
  let power = 0;
  while (power < BINARY_SUFFIX_BY_POWER.length - 1 && amount % 1024n === 0n) {
    amount /= 1024n;
    power++;
  }
  return `${amount}${BINARY_SUFFIX_BY_POWER[power] ?? ''}`;
}

/** The canonical form kube's Quantity.String() prints ("1500m", "1536Mi", "1k", "0"). */
export function quantityToString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    // Binary suffixes only for whole multiples; anything else would need rounding.
    if (!small && q.nanos % NANO === 0n) return formatBinary(q.nanos / NANO);
    return formatDecimal(q.nanos, 'DecimalSI');
  }
  return formatDecimal(q.nanos, q.format);
}

/** How formatQuantity reads its integer: millis printed decimal, or whole units. */
export type FormatAs = 'milli' | QuantityFormat;

/**
 * Prints an integer amount canonically, for allocatable and capacity values:
 * formatQuantity(500n, 'milli') is "500m", formatQuantity(2000n, 'milli') is "2",
 * formatQuantity(1073741824n, 'BinarySI') is "1Gi", formatQuantity(110n, 'DecimalSI') is "110".
 */
export function formatQuantity(value: bigint | number, format: FormatAs): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`formatQuantity needs an integer, got ${value}`);
  }
  const n = BigInt(value);
  if (format === 'milli') return quantityToString({ nanos: n * MILLI_IN_NANOS, format: 'DecimalSI' });
  return quantityToString({ nanos: n * NANO, format });
}
