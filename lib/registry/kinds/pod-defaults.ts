// PodSpec defaulting shared by Pods and every pod template (Deployment, ReplicaSet, …),
// after kube's SetDefaults_PodSpec / _Container / _Probe / _Volume and friends in
// pkg/apis/core/v1/defaults.go. Only what kube applies to *any* PodSpec lives here; the
// Pod-only defaults (requests from limits, enableServiceLinks, host-network ports) are in
// pod.ts, because kube deliberately keeps them out of templates.
//
// Input is untrusted JSON that has not been validated yet, so every step checks a value's
// shape before touching it and leaves anything malformed alone for validation to report.

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The objects in a list field; a missing or malformed list yields none. */
export function objectsIn(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function setIfUnset(obj: Json, field: string, value: unknown): void {
  if (obj[field] === undefined || obj[field] === null || obj[field] === '') obj[field] = value;
}

// --- image references (docker's reference grammar, as kube's parsers.ParseImageName uses) ---

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * The tag kube sees in an image reference: "latest" when neither a tag nor a digest is
 * given, "" for a digest-only or unparseable reference (kube ignores the parse error and
 * so defaults those to IfNotPresent).
 */
export function imageTag(image: string): string {
  const m = REFERENCE.exec(image);
  if (!m || (m[1] ?? '').length > 255) return '';
  if (m[2]) return m[2];
  return m[3] ? '' : 'latest';
}

export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  return typeof image === 'string' && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

// --- containers ---

function defaultHttpGet(h: unknown): void {
  if (!isObj(h)) return;
  setIfUnset(h, 'path', '/');
  setIfUnset(h, 'scheme', 'HTTP');
}

/** httpGet appears in probes and lifecycle hooks alike; grpc.service is declaratively "". */
function defaultHandler(handler: unknown): void {
  if (!isObj(handler)) return;
  defaultHttpGet(handler['httpGet']);
  const grpc = handler['grpc'];
  if (isObj(grpc) && (grpc['service'] === undefined || grpc['service'] === null)) grpc['service'] = '';
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  defaultHandler(probe);
  // kube treats 0 as unset for these int32 fields.
  for (const [field, value] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (probe[field] === undefined || probe[field] === null || probe[field] === 0) probe[field] = value;
  }
}

function defaultFieldRef(holder: unknown): void {
  if (!isObj(holder)) return;
  const ref = holder['fieldRef'];
  if (isObj(ref)) setIfUnset(ref, 'apiVersion', 'v1');
}

function defaultContainer(ctr: Json): void {
  if (ctr['imagePullPolicy'] === undefined || ctr['imagePullPolicy'] === null || ctr['imagePullPolicy'] === '') {
    ctr['imagePullPolicy'] = defaultPullPolicy(ctr['image']);
  }
  setIfUnset(ctr, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(ctr, 'terminationMessagePolicy', 'File');
  for (const port of objectsIn(ctr['ports'])) setIfUnset(port, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(ctr[probe]);
  const lifecycle = ctr['lifecycle'];
  if (isObj(lifecycle)) {
    defaultHandler(lifecycle['postStart']);
    defaultHandler(lifecycle['preStop']);
  }
  for (const env of objectsIn(ctr['env'])) defaultFieldRef(env['valueFrom']);
}

// --- volumes ---

/** 0644: what kube gives secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_FILE_MODE = 420;

function defaultMode(src: unknown): void {
  if (isObj(src) && (src['defaultMode'] === undefined || src['defaultMode'] === null)) src['defaultMode'] = DEFAULT_FILE_MODE;
}

function defaultVolume(vol: Json): void {
  // A volume naming no source is an emptyDir (kube's AllPtrFieldsNil check).
  const hasSource = Object.entries(vol).some(([k, v]) => k !== 'name' && v !== undefined && v !== null);
  if (!hasSource) vol['emptyDir'] = {};
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) defaultMode(vol[kind]);
  const hostPath = vol['hostPath'];
  if (isObj(hostPath) && (hostPath['type'] === undefined || hostPath['type'] === null)) hostPath['type'] = '';
  const downward = vol['downwardAPI'];
  if (isObj(downward)) for (const item of objectsIn(downward['items'])) defaultFieldRef(item);
  const projected = vol['projected'];
  if (isObj(projected)) {
    for (const source of objectsIn(projected['sources'])) {
      const token = source['serviceAccountToken'];
      if (isObj(token) && (token['expirationSeconds'] === undefined || token['expirationSeconds'] === null)) token['expirationSeconds'] = 3600;
      const projectedDownward = source['downwardAPI'];
      if (isObj(projectedDownward)) for (const item of objectsIn(projectedDownward['items'])) defaultFieldRef(item);
    }
  }
}

// --- the spec ---

/**
 * Applies kube's PodSpec defaults in place. Only for a spec the caller owns (a fresh copy);
 * the exported pure entry points below make that copy.
 */
export function applyPodSpecDefaults(spec: Json): void {
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'restartPolicy', 'Always');
  if (spec['securityContext'] === undefined || spec['securityContext'] === null) spec['securityContext'] = {};
  if (spec['terminationGracePeriodSeconds'] === undefined || spec['terminationGracePeriodSeconds'] === null) {
    spec['terminationGracePeriodSeconds'] = 30;
  }
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const ctr of objectsIn(spec[list])) defaultContainer(ctr);
  }
  for (const vol of objectsIn(spec['volumes'])) defaultVolume(vol);
  syncDeprecatedServiceAccount(spec);
}

/**
 * v1 carries the service account twice: `serviceAccount` is the deprecated alias. kube's
 * conversion reads the alias only when the real field is empty and always writes the
 * alias back from the real field, so stored objects show both, equal.
 */
export function syncDeprecatedServiceAccount(spec: Json): void {
  const name = spec['serviceAccountName'];
  const alias = spec['serviceAccount'];
  if ((name === undefined || name === null || name === '') && typeof alias === 'string' && alias !== '') spec['serviceAccountName'] = alias;
  const effective = spec['serviceAccountName'];
  if (typeof effective === 'string' && effective !== '') spec['serviceAccount'] = effective;
  else if (typeof alias === 'string' || alias === null) delete spec['serviceAccount'];
}

/** A defaulted copy of a pod template (`{metadata, spec}`); anything not an object is returned as is. */
export function defaultPodTemplate(template: unknown): unknown {
  if (!isObj(template)) return template;
  const copy = structuredClone(template);
  if (isObj(copy['spec'])) applyPodSpecDefaults(copy['spec']);
  return copy;
}
