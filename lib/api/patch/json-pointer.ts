// JSON Pointer (RFC 6901) parsing and lookup, used to check JSON patch operations before
// fast-json-patch applies them. The library's own existence checks read properties through
// the prototype chain (a "remove" of ".../constructor" would silently succeed) and accept
// array indices such as "01"; checking here keeps RFC 6902's "the target location MUST
// exist" rule exact.
import { getOwn, hasOwn, isJsonObject } from './json-value.ts';

/** The unescaped reference tokens, or undefined when `pointer` is not a valid JSON pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    // "~" may only introduce "~0" (a literal "~") or "~1" (a literal "/").
    if (/~(?![01])/.test(raw)) return undefined;
    tokens.push(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return tokens;
}

/** RFC 6901 §4: an array index is "0" or digits without a leading zero. */
export function isArrayIndex(token: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(token);
}

export type Lookup = { found: true; value: unknown } | { found: false };

/** Follows `tokens` through own properties and in-range array indices only. */
export function lookup(doc: unknown, tokens: readonly string[]): Lookup {
  let cur: unknown = doc;
  for (const token of tokens) {
    if (Array.isArray(cur)) {
      if (!isArrayIndex(token)) return { found: false };
      const i = Number(token);
      if (i >= cur.length) return { found: false };
      cur = cur[i];
    } else if (isJsonObject(cur)) {
      if (!hasOwn(cur, token)) return { found: false };
      cur = getOwn(cur, token);
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

/**
 * Whether an "add" may target `tokens`: the parent must exist and be a container; in an
 * array the last token must be "-" or an index no greater than the length.
 */
export function canAdd(doc: unknown, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return true;
  const parent = lookup(doc, tokens.slice(0, -1));
  if (!parent.found) return false;
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent.value)) {
    return last === '-' || (isArrayIndex(last) && Number(last) <= parent.value.length);
  }
  return isJsonObject(parent.value);
}
