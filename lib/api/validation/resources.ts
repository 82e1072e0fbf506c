// Container resources (requests and limits), after kube's ValidateResourceRequirements.
// Quantities arrive as raw JSON here; a malformed one is a decode error in kube (a 400),
// reported here as a field cause so the user sees which field held it.

import type { StatusCause } from '../errors.ts';
import type { Quantity } from '../quantity.ts';
import { compareQuantities, parseQuantity, QuantityParseError, quantityToString, toMilli } from '../quantity.ts';
import { child, forbidden, invalid, invalidEach, IS_NEGATIVE_ERROR_MSG, key, required, typeInvalid } from './field.ts';
import { isQualifiedName } from './names.ts';
import type { JsonObject } from './read.ts';
import { optObject } from './read.ts';

/** Parses a JSON quantity value, recording a cause (and returning undefined) when it is bad. */
export function readQuantity(value: unknown, fieldPath: string, out: StatusCause[]): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    out.push(typeInvalid(fieldPath, value, 'must be of type string'));
    return undefined;
  }
  try {
    return parseQuantity(value);
  } catch (err) {
    if (!(err instanceof QuantityParseError)) throw err;
    out.push(invalid(fieldPath, value, err.message));
    return undefined;
  }
}

// Names kube accepts without a domain prefix anywhere (quota included), then the subset
// a container may request.
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set([
  'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

/** Unprefixed names and *kubernetes.io/ names belong to kube itself. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Vendor resources such as nvidia.com/gpu: whole units only, never overcommitted. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  // It must still be a valid name once quota prefixes it with "requests.".
  return isQualifiedName(`requests.${name}`).length === 0;
}

function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePages(name);
}

function validateContainerResourceName(name: string, fieldPath: string): StatusCause[] {
  const causes = invalidEach(fieldPath, name, isQualifiedName(name));
  const unprefixed = !name.includes('/');
  if (causes.length === 0 && unprefixed && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
    causes.push(invalid(fieldPath, name, 'must be a standard resource type or fully qualified'));
  }
  if (unprefixed) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      causes.push(invalid(fieldPath, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    causes.push(invalid(fieldPath, name, "doesn't follow extended resource name standard"));
  }
  return causes;
}

function validateQuantityValue(name: string, q: Quantity, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (q.nanos < 0n) causes.push(invalid(fieldPath, quantityToString(q), IS_NEGATIVE_ERROR_MSG));
  if ((INTEGER_RESOURCES.has(name) || isExtendedResourceName(name)) && toMilli(q) % 1000n !== 0n) {
    causes.push(invalid(fieldPath, quantityToString(q), 'must be an integer'));
  }
  return causes;
}

function readResourceList(
  parent: JsonObject,
  name: 'limits' | 'requests',
  path: string,
  out: StatusCause[],
): Map<string, Quantity> {
  const listPath = child(path, name);
  const list = new Map<string, Quantity>();
  const raw = optObject(parent, name, path, out);
  if (!raw) return list;
  for (const [resource, value] of Object.entries(raw)) {
    const fieldPath = key(listPath, resource);
    out.push(...validateContainerResourceName(resource, fieldPath));
    const q = readQuantity(value, fieldPath, out);
    if (!q) continue;
    out.push(...validateQuantityValue(resource, q, fieldPath));
    list.set(resource, q);
  }
  return list;
}

/** `resources` is the container's resources object; fieldPath names it. */
export function validateResourceRequirements(resources: JsonObject, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const limPath = child(fieldPath, 'limits');
  const reqPath = child(fieldPath, 'requests');
  const limits = readResourceList(resources, 'limits', fieldPath, causes);
  const requests = readResourceList(resources, 'requests', fieldPath, causes);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    // Kube reports these at the requests map itself, with the canonical request as value.
    if (limit) {
      const cmp = compareQuantities(request, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        causes.push(invalid(reqPath, quantityToString(request), `must be equal to ${name} limit of ${quantityToString(limit)}`));
      } else if (cmp > 0) {
        causes.push(invalid(reqPath, quantityToString(request), `must be less than or equal to ${name} limit of ${quantityToString(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      causes.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  const all = [...limits.keys(), ...requests.keys()];
  if (all.some(isHugePages) && !all.some((n) => n === 'cpu' || n === 'memory')) {
    causes.push(forbidden(fieldPath, 'HugePages require cpu or memory'));
  }
  return causes;
}
