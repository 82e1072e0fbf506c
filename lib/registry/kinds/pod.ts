// Pods: kube's pod strategy (pkg/registry/core/pod/strategy.go) plus what the default
// admission chain adds to every pod (DefaultTolerationSeconds, ServiceAccount, Priority),
// since skiff has no separate admission plugins for them.
import type { StatusCause } from '../../api/errors.ts';
import { validatePodSpec } from '../../api/validation/pod-spec.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { applyPodSpecDefaults, objectsIn, syncDeprecatedServiceAccount } from './pod-defaults.ts';
import { podQosClass } from './pod-qos.ts';
import { validatePodUpdate } from './pod-update.ts';

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// --- Pod-only defaults (kube's SetDefaults_Pod; deliberately not applied to templates) ---

/** A container that only sets limits requests exactly those amounts. */
function defaultRequestsFromLimits(ctr: Json): void {
  const resources = ctr['resources'];
  if (!isObj(resources) || !isObj(resources['limits'])) return;
  const limits = resources['limits'];
  if (resources['requests'] !== undefined && resources['requests'] !== null && !isObj(resources['requests'])) return;
  const requests: Json = { ...((resources['requests'] as Json | undefined) ?? {}) };
  for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
  if (Object.keys(requests).length) resources['requests'] = requests;
}

/** With host networking the container port is the host port. */
function defaultHostNetworkPorts(ctr: Json): void {
  for (const port of objectsIn(ctr['ports'])) {
    if (port['hostPort'] === undefined || port['hostPort'] === null || port['hostPort'] === 0) port['hostPort'] = port['containerPort'];
  }
}

// --- DefaultTolerationSeconds admission ---

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * Pods tolerate a not-ready or unreachable node for five minutes before the node
 * lifecycle controller evicts them, unless they already say otherwise. A toleration with
 * an empty key or effect covers the taint too. kube runs this on create and update.
 */
function addDefaultTolerations(spec: Json): void {
  if (spec['tolerations'] !== undefined && spec['tolerations'] !== null && !Array.isArray(spec['tolerations'])) return;
  const tolerations = objectsIn(spec['tolerations']);
  const covers = (taint: string): boolean =>
    tolerations.some((t) => (t['key'] === taint || !t['key']) && (t['effect'] === 'NoExecute' || !t['effect']));
  const added: Json[] = [];
  for (const taint of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!covers(taint)) added.push({ key: taint, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (added.length) spec['tolerations'] = [...((spec['tolerations'] as unknown[] | null | undefined) ?? []), ...added];
}

function defaultPod(obj: KubeObject): KubeObject {
  const pod = structuredClone(obj);
  // Go's PodSpec is a value, so a pod without one is still defaulted (and then fails validation).
  if (pod['spec'] === undefined || pod['spec'] === null) pod['spec'] = {};
  const spec = pod['spec'];
  if (!isObj(spec)) return pod;
  applyPodSpecDefaults(spec);
  for (const ctr of [...objectsIn(spec['containers']), ...objectsIn(spec['initContainers'])]) defaultRequestsFromLimits(ctr);
  if (spec['enableServiceLinks'] === undefined || spec['enableServiceLinks'] === null) spec['enableServiceLinks'] = true;
  if (spec['hostNetwork'] === true) {
    for (const ctr of [...objectsIn(spec['containers']), ...objectsIn(spec['initContainers'])]) defaultHostNetworkPorts(ctr);
  }
  addDefaultTolerations(spec);
  return pod;
}

// --- create ---

/** The built-in priority classes; with no PriorityClass objects served, only these resolve. */
const SYSTEM_PRIORITIES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

/** What the Priority admission plugin resolves on create; an unknown class is left unresolved. */
function admitPriority(spec: Json): void {
  if (spec['priority'] !== undefined && spec['priority'] !== null) return;
  const className = spec['priorityClassName'];
  const priority = !className ? 0 : typeof className === 'string' ? SYSTEM_PRIORITIES[className] : undefined;
  if (priority === undefined) return;
  spec['priority'] = priority;
  if (spec['preemptionPolicy'] === undefined || spec['preemptionPolicy'] === null) spec['preemptionPolicy'] = 'PreemptLowerPriority';
}

function prepareForCreate(obj: KubeObject): KubeObject {
  const pod = structuredClone(obj);
  const spec: Json = isObj(pod['spec']) ? pod['spec'] : {};
  // The ServiceAccount admission plugin: every pod runs as some service account.
  if (isObj(pod['spec'])) {
    if (!spec['serviceAccountName'] && !spec['serviceAccount']) spec['serviceAccountName'] = 'default';
    syncDeprecatedServiceAccount(spec);
    admitPriority(spec);
  }
  const status: Json = { phase: 'Pending', qosClass: podQosClass(spec) };
  // A gated pod says why it is not being scheduled, as kube's PrepareForCreate does.
  if (objectsIn(spec['schedulingGates']).length) {
    status['conditions'] = [{
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: null,
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
    }];
  }
  pod['status'] = status;
  return pod;
}

function validatePod(obj: KubeObject): StatusCause[] {
  return validatePodSpec(obj['spec'], 'spec');
}

// --- field selectors ---

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * kube's PodToSelectableFields: the values field selectors compare, including the ones a
 * plain path lookup gets wrong (an absent hostNetwork is "false"; podIP is the first of podIPs).
 */
export function podFieldSet(obj: KubeObject): Record<string, string> {
  const spec: Json = isObj(obj['spec']) ? obj['spec'] : {};
  const status: Json = isObj(obj['status']) ? obj['status'] : {};
  const firstIp = objectsIn(status['podIPs'])[0];
  return {
    'metadata.name': str(obj.metadata?.name),
    'metadata.namespace': str(obj.metadata?.namespace),
    'spec.nodeName': str(spec['nodeName']),
    'spec.restartPolicy': str(spec['restartPolicy']),
    'spec.schedulerName': str(spec['schedulerName']),
    'spec.serviceAccountName': str(spec['serviceAccountName']),
    'spec.hostNetwork': String(spec['hostNetwork'] === true),
    'status.phase': str(status['phase']),
    'status.podIP': firstIp ? str(firstIp['ip']) : str(status['podIP']),
    'status.nominatedNodeName': str(status['nominatedNodeName']),
  };
}

export const pods: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: ['status', 'binding', 'log'],
  strategy: {
    fieldSet: podFieldSet,
    modelName: 'V1Pod',
    nameRule: 'dns1123-subdomain',
    selectableFields: [
      'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork',
      'status.phase', 'status.podIP', 'status.nominatedNodeName',
    ],
    hasStatus: true,
    defaults: defaultPod,
    prepareForCreate,
    validate: validatePod,
    validateUpdate: validatePodUpdate,
  },
};
