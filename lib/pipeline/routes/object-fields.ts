// Readers for the few fields routing looks at. Stream images are stored objects (validated
// on write), but a throw here would stall a whole stream shard, so an odd shape reads as
// absent instead of failing.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { getOwn, isJsonObject, jsonEqual } from '../../api/patch/json-value.ts';
import type { KubeObject } from '../../storage/object-store.ts';

/** The value at a path of own properties, or undefined. */
export function field(obj: KubeObject | undefined, ...path: string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (!isJsonObject(v)) return undefined;
    v = getOwn(v, k);
  }
  return v;
}

export function stringField(obj: KubeObject | undefined, ...path: string[]): string | undefined {
  const v = field(obj, ...path);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Whether a path holds the same JSON in both images (absent equals absent). */
export function sameField(a: KubeObject | undefined, b: KubeObject | undefined, ...path: string[]): boolean {
  return jsonEqual(field(a, ...path), field(b, ...path));
}

/** Labels, with absent and empty treated alike (a defaulted `{}` is not a change). */
export function sameLabels(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  return jsonEqual(field(a, 'metadata', 'labels') ?? {}, field(b, 'metadata', 'labels') ?? {});
}

export function isBeingDeleted(obj: KubeObject | undefined): boolean {
  return stringField(obj, 'metadata', 'deletionTimestamp') !== undefined;
}

export function finalizers(obj: KubeObject | undefined): string[] {
  const v = field(obj, 'metadata', 'finalizers');
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : [];
}

export function ownerReferences(obj: KubeObject | undefined): OwnerReference[] {
  const v = field(obj, 'metadata', 'ownerReferences');
  if (!Array.isArray(v)) return [];
  return v.filter(
    (r): r is OwnerReference =>
      isJsonObject(r) && typeof r['apiVersion'] === 'string' && typeof r['kind'] === 'string' && typeof r['name'] === 'string',
  );
}

/** The managing controller's reference (kube's metav1.GetControllerOf). */
export function controllerOf(obj: KubeObject | undefined): OwnerReference | undefined {
  return ownerReferences(obj).find((r) => r.controller === true);
}

/** "apps/v1" → "apps"; "v1" → "" (the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The controller reference when it names `kind` in `group`, else undefined. */
export function controllerOfKind(obj: KubeObject | undefined, group: string, kind: string): OwnerReference | undefined {
  const ref = controllerOf(obj);
  return ref && ref.kind === kind && apiGroup(ref.apiVersion) === group ? ref : undefined;
}

/** status.conditions[type].status, e.g. "True" for a Ready pod or node. */
export function conditionStatus(obj: KubeObject | undefined, type: string): string | undefined {
  const v = field(obj, 'status', 'conditions');
  if (!Array.isArray(v)) return undefined;
  const c: unknown = v.find((x) => isJsonObject(x) && x['type'] === type);
  return isJsonObject(c) && typeof c['status'] === 'string' ? c['status'] : undefined;
}
