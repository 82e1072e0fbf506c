// Deployments (apps/v1), after kube's SetDefaults_Deployment, ValidateDeploymentSpec and
// the deployment strategy in pkg/registry/apps/deployment.
import type { StatusCause } from '../../api/errors.ts';
import { CauseReason, forbidden, goQuote, invalid, required } from '../../api/validation/field.ts';
import { regexError } from '../../api/validation/names.ts';
import { isObject, optInt } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { specOrAnnotationsChanged } from '../generic/generation.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import {
  defaultReplicasAndTemplate, goIntOrString, invalidRendered, nonNegative, replicasScale, specOf,
  validateReplicaStatus, validateSelectorAndTemplate, validateSelectorImmutable,
} from './workload.ts';

type Json = Record<string, unknown>;

function defaultDeployment(obj: KubeObject): KubeObject {
  const d = structuredClone(obj);
  if (d['spec'] === undefined || d['spec'] === null) d['spec'] = {};
  const spec = d['spec'];
  if (!isObject(spec)) return d;
  defaultReplicasAndTemplate(spec);
  if (spec['strategy'] === undefined || spec['strategy'] === null) spec['strategy'] = {};
  const strategy = spec['strategy'];
  if (isObject(strategy)) {
    if (strategy['type'] === undefined || strategy['type'] === null || strategy['type'] === '') strategy['type'] = 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      if (strategy['rollingUpdate'] === undefined || strategy['rollingUpdate'] === null) strategy['rollingUpdate'] = {};
      const ru = strategy['rollingUpdate'];
      if (isObject(ru)) {
        if (ru['maxUnavailable'] === undefined || ru['maxUnavailable'] === null) ru['maxUnavailable'] = '25%';
        if (ru['maxSurge'] === undefined || ru['maxSurge'] === null) ru['maxSurge'] = '25%';
      }
    }
  }
  if (spec['revisionHistoryLimit'] === undefined || spec['revisionHistoryLimit'] === null) spec['revisionHistoryLimit'] = 10;
  if (spec['progressDeadlineSeconds'] === undefined || spec['progressDeadlineSeconds'] === null) spec['progressDeadlineSeconds'] = 600;
  return d;
}

// --- rolling update parameters ---

const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_ERROR = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

/** kube's getIntOrPercentValue: a valid percent's number, else the string read as an integer (0 if it is not one). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  if (PERCENT_RE.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

function validatePositiveIntOrPercent(v: unknown, field: string): StatusCause[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return PERCENT_RE.test(v) ? [] : [invalidRendered(field, goIntOrString(v), PERCENT_ERROR)];
  if (typeof v === 'number' && Number.isInteger(v)) return v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
  return [invalidRendered(field, goIntOrString(v), "must be an integer or percentage (e.g '5%')")];
}

function validateRollingUpdate(ru: Json, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const maxUnavailable = ru['maxUnavailable'];
  const maxSurge = ru['maxSurge'];
  out.push(...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`));
  out.push(...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`));
  // With neither surge nor slack a rollout could never make progress.
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    out.push(invalidRendered(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof maxUnavailable === 'string' && PERCENT_RE.test(maxUnavailable) && intOrPercentValue(maxUnavailable) > 100) {
    out.push(invalidRendered(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), 'must not be greater than 100%'));
  }
  return out;
}

function validateStrategy(spec: Json): StatusCause[] {
  const path = 'spec.strategy';
  const strategy: Json = isObject(spec['strategy']) ? spec['strategy'] : {};
  const ru = strategy['rollingUpdate'];
  switch (strategy['type']) {
    case 'Recreate':
      return ru === undefined || ru === null ? [] : [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      if (!isObject(ru)) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      return validateRollingUpdate(ru, `${path}.rollingUpdate`);
    default: {
      // kube reports the whole strategy struct here, at spec.strategy, printed with %#v.
      const rolling = ru === undefined || ru === null ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(…)';
      const type = typeof strategy['type'] === 'string' ? strategy['type'] : '';
      return [{
        reason: CauseReason.NotSupported,
        field: path,
        message: `Unsupported value: apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${rolling}}: supported values: "Recreate", "RollingUpdate"`,
      }];
    }
  }
}

function validateDeployment(obj: KubeObject): StatusCause[] {
  const spec = specOf(obj);
  const out = validateSelectorAndTemplate(spec);
  out.push(...validateStrategy(spec));
  nonNegative(spec, 'spec', ['revisionHistoryLimit'], out);
  const deadline = optInt(spec, 'progressDeadlineSeconds', 'spec', out);
  if (deadline !== undefined) {
    nonNegative(spec, 'spec', ['progressDeadlineSeconds'], out);
    const minReady = typeof spec['minReadySeconds'] === 'number' ? spec['minReadySeconds'] : 0;
    // Progress could never be reported before the pods even count as available.
    if (deadline <= minReady) out.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  out.push(...validateReplicaStatus(obj, ['updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount']));
  return out;
}

export const deployments: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: ['status', 'scale'],
  strategy: {
    modelName: 'V1Deployment',
    nameRule: 'dns1123-subdomain',
    hasStatus: true,
    defaults: defaultDeployment,
    // The controller fills status in.
    prepareForCreate: (obj) => ({ ...obj, status: {} }),
    generation: specOrAnnotationsChanged,
    statusWritesAnnotations: true,
    validate: validateDeployment,
    validateUpdate: validateSelectorImmutable,
    scale: replicasScale,
  },
};
