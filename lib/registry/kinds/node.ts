// Nodes (cluster-scoped), after kube's node strategy and the parts of ValidateNode that the
// scheduler and node agent depend on: taints it can match, CIDRs it can parse.
import { isIP } from 'node:net';
import type { StatusCause } from '../../api/errors.ts';
import { child, invalid, notSupported, required } from '../../api/validation/field.ts';
import { validateLabelName } from '../../api/validation/labels.ts';
import { isValidLabelValue } from '../../api/validation/names.ts';
import { isObject, optObjectArray, optString, optStringArray } from '../../api/validation/read.ts';
import { TAINT_EFFECTS } from '../../api/validation/tolerations.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';

type Json = Record<string, unknown>;

function defaultNode(obj: KubeObject): KubeObject {
  const node = structuredClone(obj);
  const spec = node['spec'];
  // v1 has podCIDR and podCIDRs; kube's conversion fills each from the other.
  if (isObject(spec)) {
    const one = spec['podCIDR'];
    const many = spec['podCIDRs'];
    if (typeof one === 'string' && one !== '' && (many === undefined || many === null || (Array.isArray(many) && many.length === 0))) spec['podCIDRs'] = [one];
    else if ((one === undefined || one === null || one === '') && Array.isArray(many) && typeof many[0] === 'string') spec['podCIDR'] = many[0];
  }
  // A node that reports capacity but not allocatable can allocate all of it (SetDefaults_NodeStatus).
  const status = node['status'];
  if (isObject(status) && isObject(status['capacity']) && (status['allocatable'] === undefined || status['allocatable'] === null)) {
    status['allocatable'] = { ...status['capacity'] };
  }
  return node;
}

function validateTaints(spec: Json, out: StatusCause[]): void {
  const seen = new Set<string>();
  for (const { item: taint, path } of optObjectArray(spec, 'taints', 'spec', out)) {
    const taintKey = optString(taint, 'key', path, out) ?? '';
    out.push(...validateLabelName(taintKey, child(path, 'key')));
    const value = optString(taint, 'value', path, out) ?? '';
    const valueErrs = isValidLabelValue(value);
    if (valueErrs.length) out.push(invalid(child(path, 'value'), value, valueErrs.join(';')));
    const effect = optString(taint, 'effect', path, out) ?? '';
    if (!effect) out.push(required(child(path, 'effect')));
    else if (!TAINT_EFFECTS.includes(effect)) out.push(notSupported(child(path, 'effect'), effect, TAINT_EFFECTS));
    // Two taints with one key and effect would make "tolerates this taint" ambiguous.
    const identity = `${effect}\u0000${taintKey}`;
    if (seen.has(identity)) {
      out.push({ reason: 'FieldValueDuplicate', field: path, message: `Duplicate value: ${JSON.stringify(taint)}: taints must be unique by key and effect pair` });
    }
    seen.add(identity);
  }
}

/** "10.244.1.0/24" or "fd00::/64": an address and a prefix length that fits it. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!family || !/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** podCIDR has been copied into podCIDRs by defaulting, so only the list is checked. */
function validateCidrs(spec: Json, out: StatusCause[]): void {
  (optStringArray(spec, 'podCIDRs', 'spec', out) ?? []).forEach((cidr, i) => {
    if (!isCidr(cidr)) out.push(invalid(`spec.podCIDRs[${i}]`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
}

function validateNode(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  const spec: Json = isObject(obj['spec']) ? obj['spec'] : {};
  validateTaints(spec, out);
  validateCidrs(spec, out);
  return out;
}

/** kube's node field set: an absent unschedulable is "false", not "". */
export function nodeFieldSet(obj: KubeObject): Record<string, string> {
  const spec: Json = isObject(obj['spec']) ? obj['spec'] : {};
  return {
    'metadata.name': obj.metadata?.name ?? '',
    'spec.unschedulable': String(spec['unschedulable'] === true),
  };
}

export const nodes: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    fieldSet: nodeFieldSet,
    keepStatusOnCreate: true,
    modelName: 'V1Node',
    nameRule: 'dns1123-subdomain',
    selectableFields: ['spec.unschedulable'],
    hasStatus: true,
    defaults: defaultNode,
    validate: validateNode,
  },
};
