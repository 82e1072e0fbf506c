// Leases (coordination.k8s.io/v1), after kube's ValidateLeaseSpec. Node agents renew one
// per node in kube-node-lease as their heartbeat; controllers use them for leader election.
import type { StatusCause } from '../../api/errors.ts';
import { forbidden, invalid, IS_NEGATIVE_ERROR_MSG, notSupported, typeInvalid } from '../../api/validation/field.ts';
import { isObject, optInt, optString } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';

const STRATEGIES = ['OldestEmulationVersion'];

function validateLease(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  if (obj['spec'] === undefined || obj['spec'] === null) return out;
  if (!isObject(obj['spec'])) return [typeInvalid('spec', obj['spec'], 'must be of type object')];
  const spec = obj['spec'];
  const duration = optInt(spec, 'leaseDurationSeconds', 'spec', out);
  // A lease that expires as it is taken would make every holder look dead.
  if (duration !== undefined && duration <= 0) out.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = optInt(spec, 'leaseTransitions', 'spec', out);
  if (transitions !== undefined && transitions < 0) out.push(invalid('spec.leaseTransitions', transitions, IS_NEGATIVE_ERROR_MSG));
  optString(spec, 'holderIdentity', 'spec', out);
  const strategy = optString(spec, 'strategy', 'spec', out);
  if (strategy && !STRATEGIES.includes(strategy)) out.push(notSupported('spec.strategy', strategy, STRATEGIES));
  const preferred = optString(spec, 'preferredHolder', 'spec', out);
  if (preferred && !strategy) out.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return out;
}

export const leases: ResourceType = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  singular: 'lease',
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1Lease',
    nameRule: 'dns1123-subdomain',
    validate: validateLease,
  },
};
