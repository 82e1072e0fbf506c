// Container environment (env and envFrom), after kube's validateEnv / validateEnvFrom.

import type { StatusCause } from '../errors.ts';
import { child, invalid, invalidEach, notSupported, required } from './field.ts';
import { isConfigMapKey, isDns1123Subdomain, isEnvVarName } from './names.ts';
import type { JsonObject } from './read.ts';
import { optObject, optObjectArray, optString } from './read.ts';

// Pod fields the downward API can put into an env var (labels/annotations go by subscript).
const DOWNWARD_ENV_FIELDS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const SUBSCRIPTED_FIELD = /^metadata\.(labels|annotations)\['[^']+'\]$/;

/** configMapKeyRef and secretKeyRef: a referable object name and a data key. */
function validateKeySelector(sel: JsonObject, path: string, out: StatusCause[]): void {
  const name = optString(sel, 'name', path, out) ?? '';
  out.push(...invalidEach(child(path, 'name'), name, isDns1123Subdomain(name)));
  const k = optString(sel, 'key', path, out) ?? '';
  if (!k) out.push(required(child(path, 'key')));
  else out.push(...invalidEach(child(path, 'key'), k, isConfigMapKey(k)));
}

function validateValueFrom(from: JsonObject, hasValue: boolean, path: string, out: StatusCause[]): void {
  let sources = 0;
  const fieldRef = optObject(from, 'fieldRef', path, out);
  if (fieldRef) {
    sources++;
    const refPath = child(path, 'fieldRef');
    const fp = optString(fieldRef, 'fieldPath', refPath, out) ?? '';
    if (!fp) out.push(required(child(refPath, 'fieldPath')));
    else if (!DOWNWARD_ENV_FIELDS.includes(fp) && !SUBSCRIPTED_FIELD.test(fp)) {
      out.push(notSupported(child(refPath, 'fieldPath'), fp, DOWNWARD_ENV_FIELDS));
    }
  }
  const resourceFieldRef = optObject(from, 'resourceFieldRef', path, out);
  if (resourceFieldRef) {
    sources++;
    const refPath = child(path, 'resourceFieldRef');
    if (!optString(resourceFieldRef, 'resource', refPath, out)) out.push(required(child(refPath, 'resource')));
  }
  for (const name of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const sel = optObject(from, name, path, out);
    if (!sel) continue;
    sources++;
    validateKeySelector(sel, child(path, name), out);
  }
  // Kube reports all three at valueFrom with an empty bad value.
  if (sources === 0) {
    out.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (hasValue) {
    out.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    out.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
}

export function validateEnv(ctr: JsonObject, ctrPath: string): StatusCause[] {
  const out: StatusCause[] = [];
  for (const { item: ev, path } of optObjectArray(ctr, 'env', ctrPath, out)) {
    const name = optString(ev, 'name', path, out) ?? '';
    if (!name) out.push(required(child(path, 'name')));
    else out.push(...invalidEach(child(path, 'name'), name, isEnvVarName(name)));
    const value = optString(ev, 'value', path, out) ?? '';
    const from = optObject(ev, 'valueFrom', path, out);
    if (from) validateValueFrom(from, value !== '', child(path, 'valueFrom'), out);
  }
  const envFromPath = child(ctrPath, 'envFrom');
  for (const { item: src, path } of optObjectArray(ctr, 'envFrom', ctrPath, out)) {
    const prefix = optString(src, 'prefix', path, out) ?? '';
    if (prefix) out.push(...invalidEach(child(path, 'prefix'), prefix, isEnvVarName(prefix)));
    let sources = 0;
    for (const name of ['configMapRef', 'secretRef'] as const) {
      const ref = optObject(src, name, path, out);
      if (!ref) continue;
      sources++;
      const refPath = child(path, name);
      const refName = optString(ref, 'name', refPath, out) ?? '';
      if (!refName) out.push(required(child(refPath, 'name')));
      else out.push(...invalidEach(child(refPath, 'name'), refName, isDns1123Subdomain(refName)));
    }
    // Reported at the envFrom list, as kube does.
    if (sources === 0) out.push(invalid(envFromPath, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) out.push(invalid(envFromPath, '', 'may not have more than one field specified at a time'));
  }
  return out;
}
