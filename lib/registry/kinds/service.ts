// Services, after kube's SetDefaults_Service, ValidateService and the service strategy.
// ClusterIP and NodePort allocation are the service REST layer's job in kube and a later
// piece of work here; this file only normalizes and checks what the user sent.
import type { StatusCause } from '../../api/errors.ts';
import { child, duplicate, forbidden, invalid, invalidEach, notSupported, required } from '../../api/validation/field.ts';
import { validateLabels } from '../../api/validation/labels.ts';
import { isDns1123Label, isDns1123Subdomain, isValidPortNum, regexError } from '../../api/validation/names.ts';
import { validatePortNumOrName } from '../../api/validation/probes.ts';
import { isObject, optInt, optObjectArray, optString, optStringMap } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { objectsIn } from './pod-defaults.ts';

type Json = Record<string, unknown>;

// sets.List order (sorted), as kube prints them.
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** Three hours: kube's default ClientIP affinity timeout. */
const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

function unset(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function defaultService(obj: KubeObject): KubeObject {
  const svc = structuredClone(obj);
  if (svc['spec'] === undefined || svc['spec'] === null) svc['spec'] = {};
  const spec = svc['spec'];
  if (!isObject(spec)) return svc;
  if (unset(spec['sessionAffinity'])) spec['sessionAffinity'] = 'None';
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const config = spec['sessionAffinityConfig'];
    const clientIP = isObject(config) ? config['clientIP'] : undefined;
    if (!isObject(clientIP) || unset(clientIP['timeoutSeconds'])) {
      spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
    }
  }
  if (unset(spec['type'])) spec['type'] = 'ClusterIP';
  const type = spec['type'];
  for (const port of objectsIn(spec['ports'])) {
    if (unset(port['protocol'])) port['protocol'] = 'TCP';
    // kube treats an absent, 0 or "" targetPort as "same as port".
    if (unset(port['targetPort']) || port['targetPort'] === 0) port['targetPort'] = port['port'];
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0);
  if (externallyAccessible && unset(spec['externalTrafficPolicy'])) spec['externalTrafficPolicy'] = 'Cluster';
  if (type !== 'ExternalName') {
    if (unset(spec['internalTrafficPolicy'])) spec['internalTrafficPolicy'] = 'Cluster';
    // Set by kube's service REST layer; ExternalName services must not have one.
    if (unset(spec['ipFamilyPolicy'])) spec['ipFamilyPolicy'] = 'SingleStack';
  }
  if (type === 'LoadBalancer' && (spec['allocateLoadBalancerNodePorts'] === undefined || spec['allocateLoadBalancerNodePorts'] === null)) {
    spec['allocateLoadBalancerNodePorts'] = true;
  }
  normalizeClusterIPs(spec);
  return svc;
}

/** clusterIP is the first of clusterIPs; whichever the client set fills the other (kube's normalizeClusterIPs). */
function normalizeClusterIPs(spec: Json): void {
  const ip = spec['clusterIP'];
  const ips = spec['clusterIPs'];
  if (typeof ip === 'string' && ip !== '' && (ips === undefined || ips === null || (Array.isArray(ips) && ips.length === 0))) {
    spec['clusterIPs'] = [ip];
  } else if (unset(ip) && Array.isArray(ips) && typeof ips[0] === 'string') {
    spec['clusterIP'] = ips[0];
  }
}

// --- validation ---

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/**
 * Service names become DNS labels that must not start with a digit (RFC 1035). The
 * generic registry already applied the RFC 1123 label rule, so only what that rule lets
 * through is reported here, to avoid saying the same thing twice.
 */
export function validateServiceName(name: unknown): StatusCause[] {
  if (typeof name !== 'string' || name === '' || isDns1123Label(name).length) return [];
  if (new RegExp(`^${DNS1035_LABEL_FMT}$`).test(name)) return [];
  return [invalid('metadata.name', name, regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'))];
}

function validatePorts(spec: Json, type: string | undefined, out: StatusCause[]): void {
  const ports = optObjectArray(spec, 'ports', 'spec', out);
  const names = new Set<string>();
  for (const { item: port, path } of ports) {
    const name = optString(port, 'name', path, out) ?? '';
    // With several ports, endpoints and targetPort lookups need to tell them apart.
    if (ports.length > 1 && !name) out.push(required(child(path, 'name')));
    else if (name) {
      out.push(...invalidEach(child(path, 'name'), name, isDns1123Label(name)));
      if (names.has(name)) out.push(duplicate(child(path, 'name'), name));
      else names.add(name);
    }
    const num = optInt(port, 'port', path, out) ?? 0;
    out.push(...invalidEach(child(path, 'port'), num, isValidPortNum(num)));
    const protocol = optString(port, 'protocol', path, out) ?? '';
    if (!protocol) out.push(required(child(path, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) out.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
    out.push(...validatePortNumOrName(port['targetPort'], child(path, 'targetPort')));
    const nodePort = optInt(port, 'nodePort', path, out) ?? 0;
    if (nodePort !== 0 && type === 'ClusterIP') {
      out.push(invalid(child(path, 'nodePort'), nodePort, "may not be used when `type` is 'ClusterIP'"));
    } else if (nodePort !== 0) {
      out.push(...invalidEach(child(path, 'nodePort'), nodePort, isValidPortNum(nodePort)));
    }
  }
}

function validateExternalName(spec: Json, out: StatusCause[]): void {
  const ips = spec['clusterIPs'];
  if ((Array.isArray(ips) && ips.length > 0) || !unset(spec['clusterIP'])) {
    out.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
  }
  if (Array.isArray(spec['ipFamilies']) && spec['ipFamilies'].length > 0) out.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
  if (!unset(spec['ipFamilyPolicy'])) out.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
  // The CNAME may end in a dot to mark it fully qualified.
  const cname = (optString(spec, 'externalName', 'spec', out) ?? '').replace(/\.$/, '');
  if (cname) out.push(...invalidEach('spec.externalName', cname, isDns1123Subdomain(cname)));
  else out.push(required('spec.externalName'));
}

function validateService(obj: KubeObject): StatusCause[] {
  const out = validateServiceName(obj.metadata?.name);
  const spec: Json = isObject(obj['spec']) ? obj['spec'] : {};
  const type = optString(spec, 'type', 'spec', out);
  const headless = spec['clusterIP'] === 'None';
  const ports = spec['ports'];
  if (type !== 'ExternalName' && !headless && !(Array.isArray(ports) && ports.length > 0)) out.push(required('spec.ports'));
  validatePorts(spec, type, out);
  out.push(...validateLabels(optStringMap(spec, 'selector', 'spec', out), 'spec.selector'));

  const affinity = optString(spec, 'sessionAffinity', 'spec', out) ?? '';
  if (!affinity) out.push(required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) out.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));

  if (!type) out.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) out.push(notSupported('spec.type', type, SERVICE_TYPES));
  else if (type === 'ExternalName') validateExternalName(spec, out);
  return out;
}

export const services: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    modelName: 'V1Service',
    // kube requires RFC 1035 labels; the missing "starts with a letter" rule is in validate.
    nameRule: 'dns1123-label',
    selectableFields: ['spec.clusterIP', 'spec.type'],
    hasStatus: true,
    defaults: defaultService,
    prepareForCreate: (obj) => ({ ...obj, status: { loadBalancer: {} } }),
    validate: validateService,
  },
};
