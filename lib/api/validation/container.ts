// Containers and init containers of a pod spec, after kube's validateContainers,
// validateInitContainers and validateContainerCommon.

import type { StatusCause } from '../errors.ts';
import { child, duplicate, forbidden, invalid, invalidEach, notFound, notSupported, required } from './field.ts';
import { isDns1123Label, isValidPortName, isValidPortNum } from './names.ts';
import { validateEnv } from './env.ts';
import { validateProbe } from './probes.ts';
import type { JsonObject } from './read.ts';
import { optInt, optObject, optObjectArray, optString } from './read.ts';
import { validateResourceRequirements } from './resources.ts';
import { validateLocalDescendingPath } from './volumes.ts';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
// sets.List order, which is sorted.
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validatePorts(ctr: JsonObject, ctrPath: string, out: StatusCause[]): void {
  const names = new Set<string>();
  for (const { item: port, path } of optObjectArray(ctr, 'ports', ctrPath, out)) {
    const name = optString(port, 'name', path, out) ?? '';
    if (name) {
      const errs = isValidPortName(name);
      if (errs.length) out.push(...invalidEach(child(path, 'name'), name, errs));
      else if (names.has(name)) out.push(duplicate(child(path, 'name'), name));
      else names.add(name);
    }
    const containerPort = optInt(port, 'containerPort', path, out) ?? 0;
    if (containerPort === 0) out.push(required(child(path, 'containerPort')));
    else out.push(...invalidEach(child(path, 'containerPort'), containerPort, isValidPortNum(containerPort)));
    const hostPort = optInt(port, 'hostPort', path, out) ?? 0;
    if (hostPort !== 0) out.push(...invalidEach(child(path, 'hostPort'), hostPort, isValidPortNum(hostPort)));
    // protocol is defaulted to TCP before validation; only a present value is checked.
    const protocol = optString(port, 'protocol', path, out);
    if (protocol !== undefined && !PROTOCOLS.includes(protocol)) out.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  }
}

function validateVolumeMounts(ctr: JsonObject, ctrPath: string, volumes: ReadonlySet<string>, out: StatusCause[]): void {
  const listPath = child(ctrPath, 'volumeMounts');
  const mountPoints = new Set<string>();
  for (const { item: mnt, path } of optObjectArray(ctr, 'volumeMounts', ctrPath, out)) {
    const name = optString(mnt, 'name', path, out) ?? '';
    if (!name) out.push(required(child(path, 'name')));
    if (!volumes.has(name)) out.push(notFound(child(path, 'name'), name));
    const mountPath = optString(mnt, 'mountPath', path, out) ?? '';
    if (!mountPath) out.push(required(child(path, 'mountPath')));
    if (mountPoints.has(mountPath)) out.push(invalid(child(path, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    // Kube reports subPath at the list path, without the index.
    const subPath = optString(mnt, 'subPath', path, out) ?? '';
    if (subPath) out.push(...validateLocalDescendingPath(subPath, child(listPath, 'subPath')));
  }
}

/** What every container kind shares: name syntax, image, ports, env, resources, mounts. */
function validateContainerCommon(ctr: JsonObject, path: string, volumes: ReadonlySet<string>, out: StatusCause[]): string {
  const name = optString(ctr, 'name', path, out) ?? '';
  if (!name) out.push(required(child(path, 'name')));
  else out.push(...invalidEach(child(path, 'name'), name, isDns1123Label(name)));
  const image = optString(ctr, 'image', path, out) ?? '';
  if (!image) out.push(required(child(path, 'image')));
  else if (image.trim() !== image) out.push(invalid(child(path, 'image'), image, 'must not have leading or trailing whitespace'));
  const pull = optString(ctr, 'imagePullPolicy', path, out);
  if (pull !== undefined && !PULL_POLICIES.includes(pull)) out.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  validatePorts(ctr, path, out);
  out.push(...validateEnv(ctr, path));
  const resources = optObject(ctr, 'resources', path, out);
  if (resources) out.push(...validateResourceRequirements(resources, child(path, 'resources')));
  validateVolumeMounts(ctr, path, volumes, out);
  return name;
}

function validateProbes(ctr: JsonObject, path: string, out: StatusCause[]): void {
  for (const kind of PROBES) {
    const probe = optObject(ctr, kind, path, out);
    if (probe) out.push(...validateProbe(probe, child(path, kind), kind));
  }
}

/**
 * Validates spec.containers and spec.initContainers. Names must be unique across both
 * lists; as in kube, a clash is reported on the later entry.
 */
export function validateContainers(spec: JsonObject, specPath: string, volumes: ReadonlySet<string>): StatusCause[] {
  const out: StatusCause[] = [];
  const containers = optObjectArray(spec, 'containers', specPath, out);
  const containersPath = child(specPath, 'containers');
  if (containers.length === 0 && !out.some((c) => c.field?.startsWith(containersPath))) out.push(required(containersPath));

  const names = new Set<string>();
  for (const { item: ctr, path } of containers) {
    const name = validateContainerCommon(ctr, path, volumes, out);
    if (name && names.has(name)) out.push(duplicate(child(path, 'name'), name));
    else if (name) names.add(name);
    validateProbes(ctr, path, out);
    // restartPolicy on a container only exists to mark init containers as sidecars.
    if (optString(ctr, 'restartPolicy', path, out) !== undefined) {
      out.push(forbidden(child(path, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  }

  for (const { item: ctr, path } of optObjectArray(spec, 'initContainers', specPath, out)) {
    const name = validateContainerCommon(ctr, path, volumes, out);
    if (name && names.has(name)) out.push(duplicate(child(path, 'name'), name));
    else if (name) names.add(name);
    const restartPolicy = optString(ctr, 'restartPolicy', path, out);
    if (restartPolicy !== undefined && restartPolicy !== 'Always') {
      out.push(notSupported(child(path, 'restartPolicy'), restartPolicy, ['Always']));
    }
    if (restartPolicy === 'Always') {
      // A sidecar runs for the pod's lifetime, so it may be probed like a container.
      validateProbes(ctr, path, out);
      continue;
    }
    for (const field of ['lifecycle', ...PROBES]) {
      const v = ctr[field];
      if (v !== undefined && v !== null) out.push(forbidden(child(path, field), 'may not be set for init containers without restartPolicy=Always'));
    }
  }
  return out;
}
