// Moving from client-side to server-side apply, as kube-apiserver eases it for the manager
// named "kubectl" (kube's lastAppliedManager / lastAppliedUpdater):
// - fields the last client-side apply set (the kubectl.kubernetes.io/last-applied-configuration
//   annotation) and that still hold that value do not conflict: `kubectl apply --server-side`
//   after `kubectl apply` takes them over instead of failing;
// - while the annotation exists, each such apply rewrites it, so a later client-side apply
//   still computes its patch from what was applied last.
import { compareValues } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { toFieldSet } from './to-field-set.ts';
import { isObject, type TypeNode } from './types.ts';
import type { Tracked } from './updater.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Only this manager gets the migration behaviour (others opt out by choosing a name). */
export const MIGRATING_MANAGER = 'kubectl';

function annotations(obj: unknown): Record<string, unknown> | undefined {
  const meta = isObject(obj) ? obj['metadata'] : undefined;
  const ann = isObject(meta) ? meta['annotations'] : undefined;
  return isObject(ann) ? ann : undefined;
}

/** The fields whose live value is still what the last client-side apply set. */
export function unchangedSinceLastApplied(live: unknown, type: TypeNode, tracked: Tracked): FieldSet | undefined {
  const text = annotations(live)?.[LAST_APPLIED];
  if (typeof text !== 'string') return undefined;
  let applied: unknown;
  try {
    applied = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    const set = toFieldSet(tracked.view(applied), type);
    return set.difference(compareValues(tracked.view(applied), tracked.view(live), type).modified);
  } catch {
    return undefined;
  }
}

/** Rewrites the annotation from the applied configuration, when the object carries one. */
export function syncLastApplied<T extends Record<string, unknown>>(merged: T, config: Record<string, unknown>): T {
  const ann = annotations(merged);
  if (!ann || typeof ann[LAST_APPLIED] !== 'string') return merged;
  const value = sortedJson(withoutLastApplied(config));
  const metadata = { ...(merged['metadata'] as Record<string, unknown>), annotations: { ...ann, [LAST_APPLIED]: value } };
  return { ...merged, metadata };
}

function withoutLastApplied(config: Record<string, unknown>): Record<string, unknown> {
  const ann = annotations(config);
  if (!ann || !(LAST_APPLIED in ann)) return config;
  const { [LAST_APPLIED]: _dropped, ...rest } = ann;
  const metadata: Record<string, unknown> = { ...(config['metadata'] as Record<string, unknown>) };
  if (Object.keys(rest).length) metadata['annotations'] = rest;
  else delete metadata['annotations'];
  return { ...config, metadata };
}

// Go marshals maps with sorted keys; so does kubectl's own annotation.
function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    isObject(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) : value,
  );
}
