// What Deployments and ReplicaSets share: the selector-and-template rules of kube's
// apps validation (ValidatePodTemplateSpecForReplicaSet and the selector checks around
// it), status counters, the scale subresource view, and Go's %#v rendering of the values
// kube puts in those messages (kubectl users and scripts see and match that text).
import type { StatusCause } from '../../api/errors.ts';
import { isEverything, labelSelectorFromSpec, matchesLabels, formatLabelSelector } from '../../api/selectors/label-selector.ts';
import type { LabelSelector, LabelSelectorSpec } from '../../api/selectors/label-selector.ts';
import { CauseReason, forbidden, goQuote, invalid, IS_NEGATIVE_ERROR_MSG, notSupported, required } from '../../api/validation/field.ts';
import { validateLabelSelector } from '../../api/validation/label-selector.ts';
import { validateLabels } from '../../api/validation/labels.ts';
import { validateAnnotations } from '../../api/validation/object-meta.ts';
import { validatePodSpec } from '../../api/validation/pod-spec.ts';
import { isObject, optInt, optObject, optStringMap } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { ScaleSpec } from '../resource-type.ts';
import { defaultPodTemplate } from './pod-defaults.ts';
import { semanticEqual } from './semantic-equal.ts';

type Json = Record<string, unknown>;

export function specOf(obj: KubeObject): Json {
  return isObject(obj['spec']) ? obj['spec'] : {};
}

// --- Go %#v rendering ---

function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map((s) => goQuote(String(s))).join(', ')}}`;
}

/** `map[string]string{"a":"1", "b":"2"}`: Go prints map keys sorted. */
export function goStringMap(v: unknown): string {
  if (!isObject(v)) return 'map[string]string(nil)';
  const entries = Object.keys(v).sort().map((k) => `${goQuote(k)}:${goQuote(String(v[k] ?? ''))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** A metav1.LabelSelector as kube's messages show it. */
export function goLabelSelector(v: unknown): string {
  const sel: Json = isObject(v) ? v : {};
  const exprs = sel['matchExpressions'];
  const exprText = Array.isArray(exprs)
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const r: Json = isObject(e) ? e : {};
          return `v1.LabelSelectorRequirement{Key:${goQuote(String(r['key'] ?? ''))}, Operator:${goQuote(String(r['operator'] ?? ''))}, Values:${goStringSlice(r['values'])}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel['matchLabels'])}, MatchExpressions:${exprText}}`;
}

/** intstr.IntOrString has no value-receiver String(), so kube prints the struct. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

/** field.Invalid for a value whose rendering the caller has already produced. */
export function invalidRendered(field: string, rendered: string, detail: string): StatusCause {
  return { reason: CauseReason.Invalid, message: `Invalid value: ${rendered}: ${detail}`, field };
}

// --- numbers ---

/** ValidateNonnegativeField for each named integer field present in `obj`. */
export function nonNegative(obj: Json, path: string, fields: readonly string[], out: StatusCause[]): void {
  for (const f of fields) {
    const v = optInt(obj, f, path, out);
    if (v !== undefined && v < 0) out.push(invalid(`${path}.${f}`, v, IS_NEGATIVE_ERROR_MSG));
  }
}

const BOUNDED_BY_REPLICAS = new Set(['updatedReplicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']);

/** Status counters: none negative, none above status.replicas, available never above ready. */
export function validateReplicaStatus(obj: KubeObject, counters: readonly string[]): StatusCause[] {
  const out: StatusCause[] = [];
  if (!isObject(obj['status'])) return out;
  const status = obj['status'];
  nonNegative(status, 'status', ['replicas', ...counters, 'observedGeneration'], out);
  const n = (f: string): number => (typeof status[f] === 'number' ? status[f] : 0);
  for (const f of counters) {
    if (BOUNDED_BY_REPLICAS.has(f) && n(f) > n('replicas')) out.push(invalid(`status.${f}`, n(f), 'cannot be greater than status.replicas'));
  }
  if (n('availableReplicas') > n('readyReplicas')) {
    out.push(invalid('status.availableReplicas', n('availableReplicas'), 'cannot be greater than readyReplicas'));
  }
  return out;
}

// --- defaults ---

/** replicas 1 and a defaulted pod template; the template is created if absent, as Go's value types are. */
export function defaultReplicasAndTemplate(spec: Json): void {
  if (spec['replicas'] === undefined || spec['replicas'] === null) spec['replicas'] = 1;
  if (spec['template'] === undefined || spec['template'] === null) spec['template'] = {};
  if (isObject(spec['template']) && (spec['template']['spec'] === undefined || spec['template']['spec'] === null)) {
    spec['template'] = { ...spec['template'], spec: {} };
  }
  spec['template'] = defaultPodTemplate(spec['template']);
}

// --- selector and template ---

/** The parsed selector, or undefined when kube's LabelSelectorAsSelector would fail. */
function asSelector(sel: unknown): LabelSelector | undefined {
  if (sel === undefined || sel === null) return labelSelectorFromSpec(null);
  try {
    return labelSelectorFromSpec(sel as LabelSelectorSpec);
  } catch {
    return undefined;
  }
}

/**
 * spec.replicas, spec.minReadySeconds, spec.selector and spec.template, shared by
 * Deployments and ReplicaSets (kube words the empty-selector error "for deployment" in both).
 */
export function validateSelectorAndTemplate(spec: Json): StatusCause[] {
  const out: StatusCause[] = [];
  nonNegative(spec, 'spec', ['replicas', 'minReadySeconds'], out);

  const sel = spec['selector'];
  if (sel === undefined || sel === null) {
    out.push(required('spec.selector'));
  } else {
    const selCauses = validateLabelSelector(sel, 'spec.selector');
    out.push(...selCauses);
    if (isObject(sel)) {
      const count = (v: unknown): number => (isObject(v) ? Object.keys(v).length : Array.isArray(v) ? v.length : 0);
      if (count(sel['matchLabels']) + count(sel['matchExpressions']) === 0) {
        out.push(invalidRendered('spec.selector', goLabelSelector(sel), 'empty selector is invalid for deployment'));
      }
    }
    // A selector of the wrong JSON shape has already been reported; do not parse it.
    if (selCauses.some((c) => c.reason === CauseReason.TypeInvalid)) return out;
  }

  const selector = asSelector(sel);
  if (!selector) {
    out.push(invalidRendered('spec.selector', goLabelSelector(sel), 'invalid label selector'));
    return out;
  }
  out.push(...validateTemplate(spec['template'], selector));
  return out;
}

function validateTemplate(template: unknown, selector: LabelSelector): StatusCause[] {
  const out: StatusCause[] = [];
  const path = 'spec.template';
  const t: Json = isObject(template) ? template : {};
  const meta = optObject(t, 'metadata', path, out) ?? {};
  const labels = optStringMap(meta, 'labels', path, out);
  if (!isEverything(selector) && !matchesLabels(selector, labels ? Object.fromEntries(labels) : {})) {
    out.push(invalidRendered(`${path}.metadata.labels`, goStringMap(meta['labels']), '`selector` does not match template `labels`'));
  }
  // kube validates template labels and annotations at spec.template.labels (no "metadata").
  out.push(...validateLabels(labels, `${path}.labels`));
  out.push(...validateAnnotations(optStringMap(meta, 'annotations', path, out), `${path}.annotations`));
  out.push(...validatePodSpec(t['spec'], `${path}.spec`));
  const podSpec: Json = isObject(t['spec']) ? t['spec'] : {};
  // The controller replaces pods forever, so its pods must restart forever too.
  const restartPolicy = podSpec['restartPolicy'];
  if (typeof restartPolicy === 'string' && restartPolicy !== 'Always') {
    out.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  }
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    out.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return out;
}

/** apps/v1 makes spec.selector immutable; the value is shown as kube's %#v renders it. */
export function validateSelectorImmutable(obj: KubeObject, old: KubeObject): StatusCause[] {
  const next = specOf(obj)['selector'];
  const prev = specOf(old)['selector'];
  if (semanticEqual(next, prev) && (next == null) === (prev == null)) return [];
  return [invalidRendered('spec.selector', next == null ? 'null' : goLabelSelector(next), 'field is immutable')];
}

// --- scale ---

export const replicasScale: ScaleSpec = {
  specReplicas: (obj) => {
    const r = specOf(obj)['replicas'];
    return typeof r === 'number' ? r : 1;
  },
  setSpecReplicas: (obj, replicas) => ({ ...obj, spec: { ...specOf(obj), replicas } }),
  statusReplicas: (obj) => {
    const status = obj['status'];
    return isObject(status) && typeof status['replicas'] === 'number' ? status['replicas'] : 0;
  },
  selector: (obj) => formatLabelSelector(labelSelectorFromSpec((specOf(obj)['selector'] ?? null) as LabelSelectorSpec | null)),
};
