// Whether a list/get/watch should be answered as a Table, decided the way kube-apiserver
// negotiates: walk the Accept clauses by preference and take the first one we can serve.
// kubectl get lists Table (v1, then v1beta1) ahead of plain JSON; clients that list JSON
// first, or only JSON, get the plain object.
import { BadRequestError } from '../../api/errors.ts';
import type { TableApiVersion } from './types.ts';

interface Clause {
  type: string;
  params: Map<string, string>;
  q: number;
  /** Position in the header; the tie-break that keeps the sort stable and explicit. */
  index: number;
}

function parseClause(text: string, index: number): Clause | undefined {
  const [type, ...rawParams] = text.split(';').map((p) => p.trim());
  if (!type) return undefined;
  const params = new Map<string, string>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const qText = params.get('q');
  const q = qText === undefined ? 1 : Number(qText);
  return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
}

/** Exact types before wildcards, as goautoneg orders clauses of equal q. */
function specificity(type: string): number {
  if (type === '*/*') return 0;
  return type.endsWith('/*') ? 1 : 2;
}

function clauses(accept: string): Clause[] {
  return accept
    .split(',')
    .map((text, i) => parseClause(text, i))
    .filter((c): c is Clause => c !== undefined && c.q > 0)
    .sort((a, b) => b.q - a.q || specificity(b.type) - specificity(a.type) || a.index - b.index);
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);

/**
 * The Table apiVersion the client asked for, or undefined when plain JSON comes first (or
 * is all it accepts). Clauses skiff cannot serve (protobuf, other `as=` conversions) are
 * passed over, as kube passes over clauses it has no serializer or conversion for.
 */
export function negotiateTable(accept: string | undefined): TableApiVersion | undefined {
  for (const c of clauses(accept ?? '')) {
    if (!JSON_TYPES.has(c.type)) continue;
    const as = c.params.get('as');
    if (as === undefined) {
      // A conversion group/version without a kind is malformed; kube skips the clause.
      if (c.params.has('g') || c.params.has('v')) continue;
      return undefined;
    }
    if (c.type !== 'application/json') continue;
    if (as !== 'Table' || c.params.get('g') !== 'meta.k8s.io') continue;
    const v = c.params.get('v');
    if (v === 'v1' || v === 'v1beta1') return `meta.k8s.io/${v}`;
  }
  return undefined;
}

export function wantsTable(accept: string | undefined): boolean {
  return negotiateTable(accept) !== undefined;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/**
 * The ?includeObject= query parameter; absent or empty means Metadata. The error is kube's
 * ValidateTableOptions wording, which kubectl prints verbatim.
 */
export function includeObjectParam(value: string | null | undefined): IncludeObject {
  if (value === null || value === undefined || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw new BadRequestError(
    `Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(value)}: must be 'Metadata', 'Object', 'None', or empty`,
  );
}
