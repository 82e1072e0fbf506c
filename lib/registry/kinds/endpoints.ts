// Endpoints (core/v1), after kube's SetDefaults_Endpoints and ValidateEndpoints. The
// endpoints controller writes these from Services and ready Pods; the node agent's proxy
// reads them, so addresses must be real, routable IPs.
import { isIP } from 'node:net';
import type { StatusCause } from '../../api/errors.ts';
import { child, invalid, invalidEach, notSupported, required } from '../../api/validation/field.ts';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortNum } from '../../api/validation/names.ts';
import type { JsonObject } from '../../api/validation/read.ts';
import { optInt, optObjectArray, optString } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { objectsIn } from './pod-defaults.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function defaultEndpoints(obj: KubeObject): KubeObject {
  const ep = structuredClone(obj);
  for (const subset of objectsIn(ep['subsets'])) {
    for (const port of objectsIn(subset['ports'])) {
      if (port['protocol'] === undefined || port['protocol'] === null || port['protocol'] === '') port['protocol'] = 'TCP';
    }
  }
  return ep;
}

/**
 * kube's ValidateNonSpecialIP: addresses that can never reach a pod on another machine.
 * Only the common forms are recognised.
 */
export function specialIpError(ip: string): string | undefined {
  const v4 = isIP(ip) === 4 ? ip.split('.').map(Number) : undefined;
  const lower = ip.toLowerCase();
  if (ip === '0.0.0.0' || lower === '::') return `may not be unspecified (${ip})`;
  if ((v4 && v4[0] === 127) || lower === '::1') return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if ((v4 && v4[0] === 169 && v4[1] === 254) || /^fe[89ab][0-9a-f]?:/.test(lower)) {
    return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  }
  if ((v4 && v4[0] === 224 && v4[1] === 0 && v4[2] === 0) || lower.startsWith('ff02:')) {
    return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  }
  return undefined;
}

function validateAddress(addr: JsonObject, path: string, out: StatusCause[]): void {
  const ip = optString(addr, 'ip', path, out) ?? '';
  const ipPath = child(path, 'ip');
  if (!isIP(ip)) out.push(invalid(ipPath, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  else {
    const special = specialIpError(ip);
    if (special) out.push(invalid(ipPath, ip, special));
  }
  const hostname = optString(addr, 'hostname', path, out);
  if (hostname) out.push(...invalidEach(child(path, 'hostname'), hostname, isDns1123Label(hostname)));
  const nodeName = optString(addr, 'nodeName', path, out);
  if (nodeName !== undefined) out.push(...invalidEach(child(path, 'nodeName'), nodeName, isDns1123Subdomain(nodeName)));
}

function validatePort(port: JsonObject, requireName: boolean, path: string, out: StatusCause[]): void {
  const name = optString(port, 'name', path, out) ?? '';
  if (requireName && !name) out.push(required(child(path, 'name')));
  else if (name) out.push(...invalidEach(child(path, 'name'), name, isDns1123Label(name)));
  const num = optInt(port, 'port', path, out) ?? 0;
  out.push(...invalidEach(child(path, 'port'), num, isValidPortNum(num)));
  const protocol = optString(port, 'protocol', path, out) ?? '';
  if (!protocol) out.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) out.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  const appProtocol = optString(port, 'appProtocol', path, out);
  if (appProtocol !== undefined) out.push(...invalidEach(child(path, 'appProtocol'), appProtocol, isQualifiedName(appProtocol)));
}

function validateEndpoints(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  for (const { item: subset, path } of optObjectArray(obj, 'subsets', '', out)) {
    const addresses = optObjectArray(subset, 'addresses', path, out);
    const notReady = optObjectArray(subset, 'notReadyAddresses', path, out);
    // A headless service's endpoints may lack ports, never addresses.
    if (addresses.length === 0 && notReady.length === 0) out.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    for (const a of [...addresses, ...notReady]) validateAddress(a.item, a.path, out);
    const ports = optObjectArray(subset, 'ports', path, out);
    for (const p of ports) validatePort(p.item, ports.length > 1, p.path, out);
  }
  return out;
}

export const endpoints: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1Endpoints',
    nameRule: 'dns1123-subdomain',
    defaults: defaultEndpoints,
    validate: validateEndpoints,
  },
};

