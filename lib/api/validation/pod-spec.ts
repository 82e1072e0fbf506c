// PodSpec validation for Pods and pod templates, covering the rules a user hits first
// (kube's ValidatePodSpec is far larger). Fields that kube defaults before validating
// (restartPolicy, dnsPolicy, port protocol, imagePullPolicy, probe scheme) are checked
// only when present, so this works whether or not defaulting has run.

import type { StatusCause } from '../errors.ts';
import { child, inclusiveRangeError, invalid, invalidEach, IS_NEGATIVE_ERROR_MSG, notSupported, required, typeInvalid } from './field.ts';
import { validateContainers } from './container.ts';
import { validateLabels } from './labels.ts';
import { isDns1123Label, isDns1123Subdomain } from './names.ts';
import type { JsonObject } from './read.ts';
import { isObject, optInt, optString, optStringMap } from './read.ts';
import { validateTolerations } from './tolerations.ts';
import { validateVolumes } from './volumes.ts';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function validateEnum(spec: JsonObject, name: string, path: string, supported: readonly string[], out: StatusCause[]): void {
  const v = optString(spec, name, path, out);
  if (v === undefined) return;
  if (v === '') out.push(required(child(path, name)));
  else if (!supported.includes(v)) out.push(notSupported(child(path, name), v, supported));
}

/** A DNS name field that may be empty: serviceAccountName, nodeName, hostname, subdomain. */
function validateOptionalName(spec: JsonObject, name: string, path: string, check: (v: string) => string[], out: StatusCause[]): void {
  const v = optString(spec, name, path, out);
  if (v) out.push(...invalidEach(child(path, name), v, check(v)));
}

/** fieldPath is where the spec sits: "spec" for a Pod, "spec.template.spec" for a template. */
export function validatePodSpec(spec: unknown, fieldPath: string): StatusCause[] {
  if (spec !== undefined && spec !== null && !isObject(spec)) return [typeInvalid(fieldPath, spec, 'must be of type object')];
  const s: JsonObject = isObject(spec) ? spec : {};
  const out: StatusCause[] = [];

  const volumes = validateVolumes(s, fieldPath);
  out.push(...volumes.causes);
  out.push(...validateContainers(s, fieldPath, volumes.names));
  validateEnum(s, 'restartPolicy', fieldPath, RESTART_POLICIES, out);
  validateEnum(s, 'dnsPolicy', fieldPath, DNS_POLICIES, out);
  out.push(...validateLabels(optStringMap(s, 'nodeSelector', fieldPath, out), child(fieldPath, 'nodeSelector')));
  validateOptionalName(s, 'serviceAccountName', fieldPath, isDns1123Subdomain, out);
  validateOptionalName(s, 'nodeName', fieldPath, isDns1123Subdomain, out);
  validateOptionalName(s, 'hostname', fieldPath, isDns1123Label, out);
  validateOptionalName(s, 'subdomain', fieldPath, isDns1123Label, out);

  const grace = optInt(s, 'terminationGracePeriodSeconds', fieldPath, out);
  if (grace !== undefined && grace < 0) out.push(invalid(child(fieldPath, 'terminationGracePeriodSeconds'), grace, IS_NEGATIVE_ERROR_MSG));
  const deadline = optInt(s, 'activeDeadlineSeconds', fieldPath, out);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    out.push(invalid(child(fieldPath, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  out.push(...validateTolerations(s, fieldPath));
  return out;
}
