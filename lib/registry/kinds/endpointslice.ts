// EndpointSlices (discovery.k8s.io/v1), after kube's SetDefaults_EndpointPort and
// ValidateEndpointSlice. The endpoints controller writes one per Service and port set
// (lib/controllers/endpoints/slice-plan.ts); proxies and DNS read them, so addresses must
// match the slice's addressType and never be special (loopback, link-local) addresses.
import { isIP } from 'node:net';
import type { StatusCause } from '../../api/errors.ts';
import { child, duplicate, FIELD_IMMUTABLE_ERROR_MSG, invalid, invalidEach, notSupported, required } from '../../api/validation/field.ts';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortNum } from '../../api/validation/names.ts';
import type { JsonObject } from '../../api/validation/read.ts';
import { optArray, optInt, optObject, optObjectArray, optString } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { contentOrLabelsChanged } from '../generic/generation.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { specialIpError } from './endpoints.ts';
import { objectsIn } from './pod-defaults.ts';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** kube's maxEndpoints, maxPorts and maxAddresses per slice / per endpoint. */
const MAX_ENDPOINTS = 1000;
const MAX_PORTS = 20000;
const MAX_ADDRESSES = 100;

/** kube's SetDefaults_EndpointPort: a port's name reads "" and its protocol TCP when unset. */
function defaultSlice(obj: KubeObject): KubeObject {
  const slice = structuredClone(obj);
  for (const port of objectsIn(slice['ports'])) {
    if (port['name'] === undefined || port['name'] === null) port['name'] = '';
    if (port['protocol'] === undefined || port['protocol'] === null || port['protocol'] === '') port['protocol'] = 'TCP';
  }
  return slice;
}

function validateAddress(address: unknown, addressType: string, path: string, out: StatusCause[]): void {
  const value = typeof address === 'string' ? address : '';
  if (addressType === 'FQDN') {
    out.push(...invalidEach(path, value, isDns1123Subdomain(value)));
    return;
  }
  const family = addressType === 'IPv4' ? 4 : 6;
  if (isIP(value) !== family) {
    out.push(invalid(path, value, `must be a valid ${addressType} address`));
    return;
  }
  const special = specialIpError(value);
  if (special) out.push(invalid(path, value, special));
}

function validateEndpoint(ep: JsonObject, addressType: string, path: string, out: StatusCause[]): void {
  const addrPath = child(path, 'addresses');
  const addresses = optArray(ep, 'addresses', path, out) ?? [];
  if (addresses.length === 0) out.push(required(addrPath, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) out.push(invalid(addrPath, addresses.length, `must have at most ${MAX_ADDRESSES} items`));
  addresses.forEach((a, i) => validateAddress(a, addressType, `${addrPath}[${i}]`, out));
  const hostname = optString(ep, 'hostname', path, out);
  if (hostname) out.push(...invalidEach(child(path, 'hostname'), hostname, isDns1123Label(hostname)));
  const nodeName = optString(ep, 'nodeName', path, out);
  if (nodeName !== undefined) out.push(...invalidEach(child(path, 'nodeName'), nodeName, isDns1123Subdomain(nodeName)));
  optObject(ep, 'conditions', path, out);
  const targetRef = optObject(ep, 'targetRef', path, out);
  if (targetRef) optString(targetRef, 'name', child(path, 'targetRef'), out);
}

function validatePorts(obj: KubeObject, out: StatusCause[]): void {
  const ports = optObjectArray(obj, 'ports', '', out);
  if (ports.length > MAX_PORTS) out.push(invalid('ports', ports.length, `must have at most ${MAX_PORTS} items`));
  const names = new Set<string>();
  for (const { item: port, path } of ports) {
    const name = optString(port, 'name', path, out) ?? '';
    if (name) out.push(...invalidEach(child(path, 'name'), name, isDns1123Label(name)));
    if (names.has(name)) out.push(duplicate(child(path, 'name'), name));
    names.add(name);
    const protocol = optString(port, 'protocol', path, out) ?? '';
    if (!protocol) out.push(required(child(path, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) out.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
    // A port without a number means "all ports".
    const num = optInt(port, 'port', path, out);
    if (num !== undefined) out.push(...invalidEach(child(path, 'port'), num, isValidPortNum(num)));
    const appProtocol = optString(port, 'appProtocol', path, out);
    if (appProtocol) out.push(...invalidEach(child(path, 'appProtocol'), appProtocol, isQualifiedName(appProtocol)));
  }
}

function validateSlice(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  const addressType = optString(obj, 'addressType', '', out) ?? '';
  if (!addressType) out.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) out.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  const endpoints = optObjectArray(obj, 'endpoints', '', out);
  if (endpoints.length > MAX_ENDPOINTS) out.push(invalid('endpoints', endpoints.length, `must have at most ${MAX_ENDPOINTS} items`));
  if (ADDRESS_TYPES.includes(addressType)) {
    for (const { item, path } of endpoints) validateEndpoint(item, addressType, path, out);
  }
  validatePorts(obj, out);
  return out;
}

function validateSliceUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  // Consumers key their state by address type; changing it would mean a different slice.
  if (obj['addressType'] !== old['addressType']) return [invalid('addressType', obj['addressType'], FIELD_IMMUTABLE_ERROR_MSG)];
  return [];
}

export const endpointSlices: ResourceType = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1EndpointSlice',
    nameRule: 'dns1123-subdomain',
    defaults: defaultSlice,
    validate: validateSlice,
    validateUpdate: validateSliceUpdate,
    generation: contentOrLabelsChanged,
  },
};
