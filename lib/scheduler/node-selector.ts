// Node selection rules a pod carries: spec.nodeSelector, required node affinity and
// preferred node affinity, after component-helpers' nodeaffinity package (1.32).
//
// Semantics worth knowing: terms are ORed and the requirements inside a term ANDed; an
// empty term matches nothing; a term that does not parse (bad key, Gt with a non-integer,
// unknown operator) silently matches nothing rather than failing the pod; NotIn and
// DoesNotExist match a node that lacks the label; matchFields supports only metadata.name
// with In/NotIn and exactly one value.
import type { NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { matchesLabels } from '../api/selectors/label-selector.ts';
import type { LabelOperator, LabelRequirement, LabelSelector } from '../api/selectors/label-selector.ts';
import { labelRequirementError } from '../api/selectors/label-requirement.ts';
import type { KubeObject } from '../storage/object-store.ts';
import { labelsOf, nodeName, objects, podSpec, stringMap } from './objects.ts';

const OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
  Gt: 'GreaterThan',
  Lt: 'LessThan',
};

interface FieldRequirement {
  key: string;
  equal: boolean;
  value: string;
}

/** A parsed term; `invalid` terms never match. */
export interface ParsedTerm {
  labels?: LabelSelector;
  fields?: FieldRequirement[];
  invalid: boolean;
}

function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return objects(term.matchExpressions).length === 0 && objects(term.matchFields).length === 0;
}

function parseTerm(term: NodeSelectorTerm): ParsedTerm {
  const parsed: ParsedTerm = { invalid: false };
  const expressions = objects<NodeSelectorRequirement>(term.matchExpressions);
  if (expressions.length > 0) {
    const requirements: LabelRequirement[] = [];
    for (const expr of expressions) {
      const operator = Object.hasOwn(OPERATORS, expr.operator) ? OPERATORS[expr.operator] : undefined;
      const values = Array.isArray(expr.values) ? expr.values.filter((v) => typeof v === 'string') : [];
      if (operator === undefined || labelRequirementError(expr.key, operator, values) !== undefined) {
        parsed.invalid = true;
        continue;
      }
      requirements.push({ key: expr.key, operator, values });
    }
    parsed.labels = { requirements };
  }
  const fields = objects<NodeSelectorRequirement>(term.matchFields);
  if (fields.length > 0) {
    parsed.fields = [];
    for (const f of fields) {
      const values = Array.isArray(f.values) ? f.values : [];
      const value = values[0];
      if ((f.operator !== 'In' && f.operator !== 'NotIn') || values.length !== 1 || typeof value !== 'string') {
        parsed.invalid = true;
        continue;
      }
      parsed.fields.push({ key: f.key, equal: f.operator === 'In', value });
    }
  }
  return parsed;
}

function termMatches(term: ParsedTerm, node: KubeObject): boolean {
  if (term.invalid) return false;
  if (term.labels && !matchesLabels(term.labels, labelsOf(node))) return false;
  const name = nodeName(node);
  // Like kube, field requirements are not checked against a node without a name.
  if (term.fields && name !== '') {
    for (const f of term.fields) {
      // metadata.name is the only field a node exposes; any other key reads as "".
      const actual = f.key === 'metadata.name' ? name : '';
      if ((actual === f.value) !== f.equal) return false;
    }
  }
  return true;
}

/** spec.nodeSelector and required node affinity together (kube's RequiredNodeAffinity). */
export interface RequiredNodeAffinity {
  nodeSelector?: Record<string, string>;
  /** Absent when the pod has no required node affinity; empty terms already dropped. */
  terms?: ParsedTerm[];
}

export function requiredNodeAffinity(pod: KubeObject): RequiredNodeAffinity {
  const spec = podSpec(pod);
  const out: RequiredNodeAffinity = {};
  const selector = stringMap(spec.nodeSelector);
  if (Object.keys(selector).length > 0) out.nodeSelector = selector;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    out.terms = objects<NodeSelectorTerm>(required.nodeSelectorTerms).filter((t) => !isEmptyTerm(t)).map(parseTerm);
  }
  return out;
}

export function matchesRequiredAffinity(req: RequiredNodeAffinity, node: KubeObject): boolean {
  if (req.nodeSelector) {
    const labels = labelsOf(node);
    for (const [k, v] of Object.entries(req.nodeSelector)) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  return req.terms === undefined || req.terms.some((t) => termMatches(t, node));
}

/**
 * kube's NodeAffinity PreFilter shortcut: when every required term pins metadata.name with
 * In (as DaemonSet pods do), only those nodes are examined. Undefined means "all nodes"; an
 * empty set means the terms contradict each other.
 */
export function affinityNodeNames(pod: KubeObject): Set<string> | undefined {
  const required = podSpec(pod).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = objects<NodeSelectorTerm>(required?.nodeSelectorTerms);
  if (terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of objects<NodeSelectorRequirement>(term.matchFields)) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set((r.values ?? []).filter((v) => typeof v === 'string'));
      termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)));
    }
    // A term without a name pin admits every node, and the terms are ORed.
    if (termNames === undefined) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

export interface PreferredTerm {
  weight: number;
  term: ParsedTerm;
}

/** Preferred terms that can score: weight 0, empty and unparsable terms are dropped. */
export function preferredNodeAffinity(pod: KubeObject): PreferredTerm[] {
  const preferred = objects<PreferredSchedulingTerm>(podSpec(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  const out: PreferredTerm[] = [];
  for (const p of preferred) {
    if (!p.weight || !p.preference || isEmptyTerm(p.preference)) continue;
    const term = parseTerm(p.preference);
    if (!term.invalid) out.push({ weight: p.weight, term });
  }
  return out;
}

/** Sum of the weights of the preferred terms the node matches. */
export function preferredAffinityScore(terms: readonly PreferredTerm[], node: KubeObject): number {
  return terms.reduce((sum, t) => (termMatches(t.term, node) ? sum + t.weight : sum), 0);
}
