// What an update may change in a running pod's spec, after kube's ValidatePodUpdate: the
// images, a shrinking activeDeadlineSeconds, added tolerations, removed scheduling gates
// and one terminationGracePeriodSeconds repair. Everything else in a pod spec is fixed at
// creation because the kubelet has already acted on it. (spec.nodeName is set through the
// binding subresource, which skips this check.)
import type { StatusCause } from '../../api/errors.ts';
import { child, forbidden, index, invalid, IS_NEGATIVE_ERROR_MSG } from '../../api/validation/field.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { objectsIn } from './pod-defaults.ts';
import { semanticEqual } from './semantic-equal.ts';

type Json = Record<string, unknown>;

export const POD_UPDATE_FORBIDDEN_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function specOf(obj: KubeObject): Json {
  return isObj(obj['spec']) ? obj['spec'] : {};
}

function withoutSeconds(t: Json): Json {
  const { tolerationSeconds: _ignored, ...rest } = t;
  return rest;
}

/** Every old toleration must still be there; only its tolerationSeconds may change. */
function validateOnlyAddedTolerations(next: Json, old: Json): StatusCause[] {
  const nextTolerations = objectsIn(next['tolerations']).map(withoutSeconds);
  for (const t of objectsIn(old['tolerations'])) {
    const kept = withoutSeconds(t);
    if (!nextTolerations.some((n) => semanticEqual(n, kept))) {
      return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return [];
}

/** Gates hold a pod back from scheduling; they may be lifted, never added. */
function validateOnlyDeletedGates(next: Json, old: Json): StatusCause[] {
  const oldNames = new Set(objectsIn(old['schedulingGates']).map((g) => g['name']));
  const out: StatusCause[] = [];
  objectsIn(next['schedulingGates']).forEach((g, i) => {
    if (!oldNames.has(g['name'])) {
      out.push(forbidden(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${String(g['name'])}'`));
    }
  });
  return out;
}

function validateActiveDeadline(next: Json, old: Json): StatusCause[] {
  const field = 'spec.activeDeadlineSeconds';
  const n = next['activeDeadlineSeconds'];
  const o = old['activeDeadlineSeconds'];
  if (typeof n === 'number') {
    if (n < 0) return [invalid(field, n, IS_NEGATIVE_ERROR_MSG)];
    if (typeof o === 'number' && o < n) return [invalid(field, n, 'must be less than or equal to previous value')];
  } else if ((n === undefined || n === null) && typeof o === 'number') {
    return [invalid(field, null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

/** The new spec with every field an update may change set back to its old value. */
function mungeUpdatable(next: Json, old: Json): Json {
  const munged = structuredClone(next);
  for (const list of ['containers', 'initContainers']) {
    const oldList = objectsIn(old[list]);
    objectsIn(munged[list]).forEach((ctr, i) => {
      const was = oldList[i];
      if (was && was['image'] !== undefined) ctr['image'] = was['image'];
      else delete ctr['image'];
    });
  }
  for (const field of ['activeDeadlineSeconds', 'tolerations', 'schedulingGates']) {
    if (old[field] === undefined) delete munged[field];
    else munged[field] = old[field];
  }
  const oldGrace = old['terminationGracePeriodSeconds'];
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged['terminationGracePeriodSeconds'] === 1) {
    munged['terminationGracePeriodSeconds'] = oldGrace;
  }
  return munged;
}

export function validatePodUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const next = specOf(obj);
  const prev = specOf(old);
  for (const list of ['containers', 'initContainers']) {
    if (objectsIn(next[list]).length !== objectsIn(prev[list]).length) {
      return [forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
    }
  }
  const out = validateActiveDeadline(next, prev);
  if (out.length) return out;
  out.push(...validateOnlyAddedTolerations(next, prev));
  out.push(...validateOnlyDeletedGates(next, prev));
  if (!semanticEqual(mungeUpdatable(next, prev), prev)) out.push(forbidden('spec', POD_UPDATE_FORBIDDEN_MSG));
  return out;
}
