// metadata validation for every kind, after apimachinery's ValidateObjectMetaAccessor and
// ValidateObjectMetaAccessorUpdate. Field paths are rooted at `metadata`, as kubectl shows.

import type { StatusCause } from '../errors.ts';
import {
  child,
  FIELD_IMMUTABLE_ERROR_MSG,
  forbidden,
  invalid,
  invalidEach,
  IS_NEGATIVE_ERROR_MSG,
  required,
  tooLong,
  typeInvalid,
} from './field.ts';
import { validateLabelName, validateLabels } from './labels.ts';
import type { NameRule } from './names.ts';
import { isDns1123Label, isQualifiedName, validateNameByRule } from './names.ts';
import type { JsonObject } from './read.ts';
import { isObject, optBool, optInt, optObjectArray, optString, optStringArray, optStringMap } from './read.ts';

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameRule: NameRule;
  /** The object's kind; not used in messages today, kept so rules can differ per kind. */
  kind: string;
}

/** Total bytes of annotation keys plus values, as etcd-era kube capped them. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

const META = 'metadata';

export function validateObjectMeta(meta: unknown, opts: ObjectMetaOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  // An absent metadata is Go's zero ObjectMeta: report what is missing from it.
  if (meta !== undefined && meta !== null && !isObject(meta)) return [typeInvalid(META, meta, 'must be of type object')];
  const m: JsonObject = isObject(meta) ? meta : {};

  const generateName = optString(m, 'generateName', META, causes) ?? '';
  const name = optString(m, 'name', META, causes) ?? '';
  if (generateName) {
    causes.push(...invalidEach(child(META, 'generateName'), generateName, validateNameByRule(opts.nameRule, generateName, true)));
  }
  // The registry fills name from generateName after validation runs here, so a
  // generateName stands in for the name; kube validates after generating instead.
  if (name) {
    causes.push(...invalidEach(child(META, 'name'), name, validateNameByRule(opts.nameRule, name, false)));
  } else if (!generateName) {
    causes.push(required(child(META, 'name'), 'name or generateName is required'));
  }

  const namespace = optString(m, 'namespace', META, causes) ?? '';
  if (opts.namespaced) {
    if (!namespace) causes.push(required(child(META, 'namespace')));
    else causes.push(...invalidEach(child(META, 'namespace'), namespace, isDns1123Label(namespace)));
  } else if (namespace) {
    causes.push(forbidden(child(META, 'namespace'), 'not allowed on this type'));
  }

  const generation = optInt(m, 'generation', META, causes);
  if (generation !== undefined && generation < 0) causes.push(invalid(child(META, 'generation'), generation, IS_NEGATIVE_ERROR_MSG));

  causes.push(...validateLabels(optStringMap(m, 'labels', META, causes), child(META, 'labels')));
  causes.push(...validateAnnotations(optStringMap(m, 'annotations', META, causes), child(META, 'annotations')));
  causes.push(...validateOwnerReferences(m, causes));
  causes.push(...validateFinalizers(optStringArray(m, 'finalizers', META, causes) ?? [], child(META, 'finalizers')));
  return causes;
}

export function validateAnnotations(annotations: ReadonlyMap<string, string> | undefined, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!annotations) return causes;
  let total = 0;
  for (const [k, v] of annotations) {
    // Annotation keys follow the qualified-name rule, but case does not matter.
    causes.push(...invalidEach(fieldPath, k, isQualifiedName(k.toLowerCase())));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) causes.push(tooLong(fieldPath, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return causes;
}

/** Byte length as Go's len() counts it; limits are in bytes, not UTF-16 units. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Group and version of an apiVersion; both empty when kube's ParseGroupVersion rejects it. */
function groupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] ?? '' };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  return { group: '', version: '' };
}

// Kube reports owner reference problems at the list path, without an index; kept as is
// so the messages users search for match.
function validateOwnerReferences(m: JsonObject, causes: StatusCause[]): StatusCause[] {
  const path = child(META, 'ownerReferences');
  const refs = optObjectArray(m, 'ownerReferences', META, causes);
  const out: StatusCause[] = [];
  let firstController = '';
  for (const { item: ref, path: refPath } of refs) {
    const apiVersion = optString(ref, 'apiVersion', refPath, causes) ?? '';
    const kind = optString(ref, 'kind', refPath, causes) ?? '';
    const name = optString(ref, 'name', refPath, causes) ?? '';
    const uid = optString(ref, 'uid', refPath, causes) ?? '';
    const controller = optBool(ref, 'controller', refPath, causes);
    optBool(ref, 'blockOwnerDeletion', refPath, causes);
    const { group, version } = groupVersion(apiVersion);
    if (!version) out.push(invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!kind) out.push(invalid(child(path, 'kind'), kind, 'kind must not be empty'));
    if (!name) out.push(invalid(child(path, 'name'), name, 'name must not be empty'));
    if (!uid) out.push(invalid(child(path, 'uid'), uid, 'uid must not be empty'));
    // Events are garbage collected on their own schedule and may not own anything.
    if (group === '' && version === 'v1' && kind === 'Event') {
      out.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (controller === true) {
      const current = `${kind}/${name}`;
      if (firstController) {
        out.push(
          invalid(
            path,
            refs.map((r) => r.item),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return out;
}

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

function validateFinalizers(finalizers: readonly string[], fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const f of finalizers) causes.push(...validateLabelName(f, fieldPath));
  // The two garbage-collection policies contradict each other.
  if (finalizers.includes(FINALIZER_ORPHAN) && finalizers.includes(FINALIZER_DELETE_DEPENDENTS)) {
    causes.push(invalid(fieldPath, finalizers, `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`));
  }
  return causes;
}

/**
 * Immutability checks for an update. Run validateObjectMeta(newMeta) as well for the
 * syntax rules; this only compares. As in kube, the registry should carry uid (when the
 * request omits it) and creationTimestamp over from the stored object before calling,
 * so that a PUT without them is not reported as a change.
 */
export function validateObjectMetaUpdate(newMeta: unknown, oldMeta: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  const n: JsonObject = isObject(newMeta) ? newMeta : {};
  const o: JsonObject = isObject(oldMeta) ? oldMeta : {};
  const immutable = (field: string, same: (a: unknown, b: unknown) => boolean): void => {
    if (!same(n[field], o[field])) causes.push(invalid(child(META, field), n[field] ?? '', FIELD_IMMUTABLE_ERROR_MSG));
  };
  immutable('name', sameScalar);
  immutable('namespace', sameScalar);
  immutable('uid', sameScalar);
  immutable('creationTimestamp', sameTime);
  immutable('deletionTimestamp', sameTime);
  immutable('deletionGracePeriodSeconds', sameScalar);
  return causes;
}

/** Go zero values: absent, null and "" are the same unset string. */
function sameScalar(a: unknown, b: unknown): boolean {
  return (a ?? '') === (b ?? '');
}

/** metav1.Time compares as an instant, so "Z" and "+00:00" spellings are equal. */
function sameTime(a: unknown, b: unknown): boolean {
  if (sameScalar(a, b)) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && ta === tb;
}
