// Label keys, values and single requirements: the syntax rules and kube's NewRequirement
// checks, shared by the string parser and metav1.LabelSelector conversion. Messages follow
// apimachinery's validation wording (including its regexes), which kubectl users search for.

export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'GreaterThan' | 'LessThan';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

const nameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const nameRe = new RegExp(`^${nameFmt}$`);
const valueFmt = `(${nameFmt})?`;
const valueRe = new RegExp(`^${valueFmt}$`);
const subdomainFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const subdomainRe = new RegExp(`^${subdomainFmt}$`);
const nameMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * apimachinery's RegexError layout, byte for byte, including its "',  or '" (comma and
 * two spaces) between examples: users paste these messages into searches.
 */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const nameRule = regexError(nameMsg, nameFmt, 'MyName', 'my.name', '123-abc');

/** Go measures these limits in bytes, not UTF-16 units. */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Problems with a label key (optional DNS-subdomain prefix, '/', then a name of ≤63 chars); empty when valid. */
export function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  if (parts.length > 2) {
    return [`a valid label key ${nameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') {
      errs.push('prefix part must be non-empty');
    } else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!subdomainRe.test(prefix)) {
        const msg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
        errs.push(`prefix part ${regexError(msg, subdomainFmt, 'example.com')}`);
      }
    }
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!nameRe.test(name)) errs.push(`name part ${nameRule}`);
  return errs;
}

/** Problems with a label value (empty, or ≤63 chars shaped like a label name); empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (!valueRe.test(value)) {
    const msg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    errs.push(regexError(msg, valueFmt, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** The full "key: Invalid value: ..." message for a bad key; undefined when valid. */
export function labelKeyError(key: string): string | undefined {
  const errs = labelKeyErrors(key);
  return errs.length > 0 ? invalidValue('key', key, errs.join('; ')) : undefined;
}

function invalidValue(path: string, bad: string | string[], detail: string): string {
  return `${path}: Invalid value: ${JSON.stringify(bad)}: ${detail}`;
}

/** Go's strconv.ParseInt(s, 10, 64): undefined when not a decimal int64. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** Everything wrong with one requirement, as kube's NewRequirement aggregates it; undefined when valid. */
export function labelRequirementError(key: string, operator: LabelOperator, values: string[]): string | undefined {
  const errs: string[] = [];
  const keyErr = labelKeyError(key);
  if (keyErr !== undefined) errs.push(keyErr);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(invalidValue('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case 'Equals':
    case 'NotEquals':
      if (values.length !== 1) errs.push(invalidValue('values', values, 'exact-match compatibility requires one single value'));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) errs.push(invalidValue('values', values, 'values set must be empty for exists and does not exist'));
      break;
    case 'GreaterThan':
    case 'LessThan':
      if (values.length !== 1) errs.push(invalidValue('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidValue(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(invalidValue(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
