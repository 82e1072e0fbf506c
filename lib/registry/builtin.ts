// Every kind skiff serves, in one list. Discovery, routing and the generic registry read
// kinds only through the Registry built from this list, so serving a new kind means one
// file in kinds/ and one line here.
import { configMaps } from './kinds/configmap.ts';
import { deployments } from './kinds/deployment.ts';
import { endpoints } from './kinds/endpoints.ts';
import { endpointSlices } from './kinds/endpointslice.ts';
import { events } from './kinds/event.ts';
import { leases } from './kinds/lease.ts';
import { namespaces } from './kinds/namespace.ts';
import { nodes } from './kinds/node.ts';
import { pods } from './kinds/pod.ts';
import { replicaSets } from './kinds/replicaset.ts';
import { secrets } from './kinds/secret.ts';
import { selfSubjectAccessReviews, selfSubjectReviews, selfSubjectRulesReviews } from './kinds/self-reviews.ts';
import { serviceAccounts } from './kinds/serviceaccount.ts';
import { services } from './kinds/service.ts';
import { Registry } from './registry.ts';
import type { ResourceType } from './resource-type.ts';
import type { ReviewType } from './review-type.ts';

// Core group first, then by group; within a group, kube's discovery order is by resource name.
export const builtinTypes: readonly ResourceType[] = Object.freeze([
  configMaps,
  endpoints,
  events,
  namespaces,
  nodes,
  pods,
  secrets,
  serviceAccounts,
  services,
  deployments,
  replicaSets,
  leases,
  endpointSlices,
]);

// Create-only kinds answered from the caller's identity and the authorizer, never stored.
export const builtinReviews: readonly ReviewType[] = Object.freeze([selfSubjectReviews, selfSubjectAccessReviews, selfSubjectRulesReviews]);

export function builtinRegistry(): Registry {
  return new Registry(builtinTypes, builtinReviews);
}
