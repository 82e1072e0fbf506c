// Field selectors: the ?fieldSelector= syntax, matching against an object's fields, and
// the helpers the registry needs (pick an index, reject unsupported fields). Semantics and
// error wording follow k8s.io/apimachinery pkg/fields; the grammar is much looser than
// label selectors (no whitespace trimming, only =, ==, != and comma-AND).

import { BadRequestError } from '../errors.ts';

export interface FieldRequirement {
  field: string;
  operator: 'Equals' | 'NotEquals';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
}

// Frozen because it is a shared singleton (see everythingLabels).
export const everythingFields: FieldSelector = Object.freeze({
  requirements: Object.freeze([]) as unknown as FieldRequirement[],
});

/** Makes an arbitrary string safe as a selector value: backslash-escapes \ , and =. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Inverse of escapeFieldValue. Only \\ \, \= are escapes; any other escape, a trailing
 * backslash, or a bare , or = is an error, so a value has exactly one spelling.
 */
export function unescapeFieldValue(text: string): string {
  let out = '';
  let escaped = false;
  for (const c of text) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new BadRequestError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // kube prints the rune's code point here; the character itself is easier to act on.
      throw new BadRequestError(`invalid field selector: unescaped character in value: '${c}'`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new BadRequestError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not backslash-escaped; the escapes stay in the terms. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

// "!=" and "==" are tried before "=" at each position so the value never keeps a stray "=".
const termOperators: readonly (readonly [string, FieldRequirement['operator']])[] = [
  ['!=', 'NotEquals'],
  ['==', 'Equals'],
  ['=', 'Equals'],
];

/** Splits at the first operator; field names have no escaping, so the leftmost match wins. */
function splitTerm(term: string): { field: string; operator: FieldRequirement['operator']; rawValue: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const [symbol, operator] of termOperators) {
      if (term.startsWith(symbol, i)) {
        return { field: term.slice(0, i), operator, rawValue: term.slice(i + symbol.length) };
      }
    }
  }
  return undefined;
}

/**
 * Parses the ?fieldSelector= syntax. Empty terms ("a=b,,c=d", ",") are ignored, and so is
 * a term with neither field nor value ("="), exactly as kube does; terms come back in
 * kube's order (sorted by their source text).
 */
export function parseFieldSelector(text: string): FieldSelector {
  if (text === '') return { requirements: [] };
  const terms = splitTerms(text).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (parts === undefined) throw new BadRequestError(`invalid selector: '${text}'; can't understand '${term}'`);
    const value = unescapeFieldValue(parts.rawValue);
    if (parts.field === '' && value === '') continue;
    requirements.push({ field: parts.field, operator: parts.operator, value });
  }
  return { requirements };
}

/** kube's Selector.String(): terms joined by ",", values escaped so the text parses back. */
export function formatFieldSelector(selector: FieldSelector): string {
  return selector.requirements
    .map((r) => `${r.field}${r.operator === 'Equals' ? '=' : '!='}${escapeFieldValue(r.value)}`)
    .join(',');
}

/**
 * The value at a dotted path, as the string a selector compares against. kube builds a
 * flat field set per kind in which an unset field is ""; reading the object directly, a
 * missing or null field (or a non-scalar one, which no selectable field is) reads as "".
 */
export function fieldValue(obj: unknown, path: string): string {
  let current: unknown = obj;
  for (const segment of path.split('.')) {
    // hasOwn, so "constructor" or "__proto__" never reach Object.prototype.
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return '';
    current = (current as Record<string, unknown>)[segment];
  }
  switch (typeof current) {
    case 'string':
      return current;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(current);
    default:
      return '';
  }
}

export function matchesFields(selector: FieldSelector, obj: unknown): boolean {
  return selector.requirements.every((r) => (fieldValue(obj, r.field) === r.value) === (r.operator === 'Equals'));
}

/** Matches against a kind's precomputed field set (kube's fields.Set), where unset reads as "". */
export function matchesFieldSet(selector: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === 'Equals'));
}

/** The value an Equals requirement pins the field to (the first such one), for choosing a storage index. */
export function equalityRequirement(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator === 'Equals')?.value;
}

/**
 * Rejects fields the resource cannot be selected by, with kube-apiserver's message. `kind`
 * is accepted but unused: kube's message does not name the kind, and its BadRequest
 * Status carries no details, so neither does this one.
 */
export function checkSupportedFields(selector: FieldSelector, supported: readonly string[], kind?: string): void {
  void kind;
  for (const r of selector.requirements) {
    if (!supported.includes(r.field)) throw new BadRequestError(`field label not supported: ${r.field}`);
  }
}
