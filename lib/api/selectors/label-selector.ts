// Label selectors: the ?labelSelector= string syntax, metav1.LabelSelector from workload
// specs, matching and canonical formatting. Semantics and error wording follow
// k8s.io/apimachinery pkg/labels, because kubectl shows these messages verbatim and
// controllers depend on the exact matching rules (e.g. `!=` matches an absent key).

import { BadRequestError } from '../errors.ts';
import { tokenizeLabelSelector } from './label-lexer.ts';
import type { Token } from './label-lexer.ts';
import { labelKeyError, labelRequirementError, parseInt64 } from './label-requirement.ts';
import type { LabelOperator, LabelRequirement } from './label-requirement.ts';

export type { LabelOperator, LabelRequirement } from './label-requirement.ts';

/** All requirements must hold. No requirements matches everything; `nothing` matches no object at all. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  nothing?: boolean;
}

// Frozen because these are shared singletons: a caller appending a requirement to one
// would silently change every other caller's selector.
export const everythingLabels: LabelSelector = Object.freeze({
  requirements: Object.freeze([]) as unknown as LabelRequirement[],
});

export const nothingLabels: LabelSelector = Object.freeze({
  requirements: Object.freeze([]) as unknown as LabelRequirement[],
  nothing: true,
});

export function isEverything(selector: LabelSelector): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

function sortedByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  // Array.prototype.sort is stable, so requirements on one key keep their written order.
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ---- the string syntax ----

class Cursor {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** The next token, with the words in/notin read as identifiers (valid as keys and values). */
  peek(): Token {
    return asIdentifier(this.at(this.pos));
  }

  next(): Token {
    return asIdentifier(this.nextRaw());
  }

  /** The next token with in/notin kept as operators; used only where an operator is expected. */
  nextRaw(): Token {
    const t = this.at(this.pos);
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private at(i: number): Token {
    return this.tokens[i] ?? { kind: 'end', text: '' };
  }
}

function asIdentifier(t: Token): Token {
  return t.kind === 'in' || t.kind === 'notin' ? { kind: 'identifier', text: t.text } : t;
}

function requirementFailure(message: string): never {
  throw new BadRequestError(`unable to parse requirement: ${message}`);
}

const operatorTokens: Partial<Record<Token['kind'], LabelOperator>> = {
  in: 'In',
  notin: 'NotIn',
  '=': 'Equals',
  '==': 'Equals',
  '!=': 'NotEquals',
  '>': 'GreaterThan',
  '<': 'LessThan',
};

function parseRequirement(cur: Cursor): LabelRequirement {
  let tok = cur.next();
  const negated = tok.kind === '!';
  if (negated) tok = cur.next();
  if (tok.kind !== 'identifier') requirementFailure(`found '${tok.text}', expected: identifier`);
  const key = tok.text;
  // The key is checked before the operator so "Bad$Key foo" reports the key, as kube does.
  const keyErr = labelKeyError(key);
  if (keyErr !== undefined) requirementFailure(keyErr);

  let operator: LabelOperator;
  let values: string[] = [];
  const following = cur.peek().kind;
  if (negated) {
    // "!key" never takes an operator; anything after it is reported by the caller.
    operator = 'DoesNotExist';
  } else if (following === 'end' || following === ',') {
    operator = 'Exists';
  } else {
    const opTok = cur.nextRaw();
    const op = operatorTokens[opTok.kind];
    if (op === undefined) requirementFailure(`found '${opTok.text}', expected: in, notin, =, ==, !=, gt, lt`);
    operator = op;
    values = op === 'In' || op === 'NotIn' ? parseValueSet(cur) : parseExactValue(cur);
  }
  const err = labelRequirementError(key, operator, values);
  if (err !== undefined) requirementFailure(err);
  return { key, operator, values };
}

/** "(a,b)" with kube's quirks: "()" and stray commas contribute the empty value; duplicates collapse. */
function parseValueSet(cur: Cursor): string[] {
  const open = cur.next();
  if (open.kind !== '(') requirementFailure(`found '${open.text}' expected: '('`);
  const first = cur.peek();
  if (first.kind === ')') {
    cur.next();
    return [''];
  }
  if (first.kind !== 'identifier' && first.kind !== ',') requirementFailure(`found '${first.text}', expected: ',', ')' or identifier`);
  const values = new Set<string>();
  for (;;) {
    const tok = cur.next();
    if (tok.kind === 'identifier') {
      values.add(tok.text);
      const after = cur.peek();
      if (after.kind === ')') break;
      if (after.kind !== ',') requirementFailure(`found '${after.text}', expected: ',' or ')'`);
    } else if (tok.kind === ',') {
      if (values.size === 0) values.add('');
      const after = cur.peek();
      if (after.kind === ')') {
        values.add('');
        break;
      }
      if (after.kind === ',') values.add('');
    } else {
      requirementFailure(`found '${tok.text}', expected: ',', or identifier`);
    }
  }
  cur.next(); // the ')'
  return [...values].sort();
}

function parseExactValue(cur: Cursor): string[] {
  const after = cur.peek();
  if (after.kind === 'end' || after.kind === ',') return [''];
  const tok = cur.next();
  if (tok.kind !== 'identifier') requirementFailure(`found '${tok.text}', expected: identifier`);
  return [tok.text];
}

/** Parses the ?labelSelector= syntax. Requirements come back sorted by key, as kube does. */
export function parseLabelSelector(text: string): LabelSelector {
  const cur = new Cursor(tokenizeLabelSelector(text));
  const requirements: LabelRequirement[] = [];
  for (;;) {
    const start = cur.peek();
    if (start.kind === 'end') break;
    if (start.kind !== 'identifier' && start.kind !== '!') {
      throw new BadRequestError(`found '${start.text}', expected: !, identifier, or 'end of string'`);
    }
    requirements.push(parseRequirement(cur));
    const sep = cur.next();
    if (sep.kind === 'end') break;
    if (sep.kind !== ',') throw new BadRequestError(`found '${sep.text}', expected: ',' or 'end of string'`);
    const after = cur.peek();
    if (after.kind !== 'identifier' && after.kind !== '!') {
      throw new BadRequestError(`found '${after.text}', expected: identifier after ','`);
    }
  }
  return { requirements: sortedByKey(requirements) };
}

// ---- metav1.LabelSelector ----

const specOperators: Readonly<Record<string, LabelOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** kube's LabelSelectorAsSelector: a missing selector selects nothing, an empty one selects everything. */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | null | undefined): LabelSelector {
  if (spec === null || spec === undefined) return { requirements: [], nothing: true };
  const matchLabels = spec.matchLabels ?? {};
  const expressions = spec.matchExpressions ?? [];
  const requirements: LabelRequirement[] = [];
  // Sorted so that, of several bad labels, the same one is reported every time.
  for (const key of Object.keys(matchLabels).sort()) {
    requirements.push(specRequirement(key, 'Equals', [matchLabels[key] ?? '']));
  }
  for (const expr of expressions) {
    const operator = Object.hasOwn(specOperators, expr.operator) ? specOperators[expr.operator] : undefined;
    if (operator === undefined) throw new BadRequestError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    requirements.push(specRequirement(expr.key, operator, [...(expr.values ?? [])]));
  }
  return { requirements: sortedByKey(requirements) };
}

function specRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const err = labelRequirementError(key, operator, values);
  if (err !== undefined) throw new BadRequestError(err);
  return { key, operator, values };
}

// ---- matching and formatting ----

function matchesRequirement(r: LabelRequirement, labels: Record<string, string>): boolean {
  // hasOwn, so that a key such as "constructor" is not found on Object.prototype.
  const value = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
    case 'Equals':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
    case 'NotEquals':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'GreaterThan':
    case 'LessThan': {
      // A non-integer label never satisfies an ordering; kube logs and treats it as no match.
      const actual = value === undefined ? undefined : parseInt64(value);
      const bound = r.values.length === 1 && r.values[0] !== undefined ? parseInt64(r.values[0]) : undefined;
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'GreaterThan' ? actual > bound : actual < bound;
    }
  }
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined | null): boolean {
  if (selector.nothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((r) => matchesRequirement(r, set));
}

function formatRequirement(r: LabelRequirement): string {
  const values = [...r.values].sort().join(',');
  switch (r.operator) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Equals':
      return `${r.key}=${values}`;
    case 'NotEquals':
      return `${r.key}!=${values}`;
    case 'GreaterThan':
      return `${r.key}>${values}`;
    case 'LessThan':
      return `${r.key}<${values}`;
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
  }
}

/**
 * kube's Selector.String(): requirements by key, values sorted, joined with ",". Both
 * "everything" and "nothing" print as "" there too, so callers that must tell them apart
 * check `nothing` first.
 */
export function formatLabelSelector(selector: LabelSelector): string {
  if (selector.nothing) return '';
  return sortedByKey(selector.requirements).map(formatRequirement).join(',');
}
