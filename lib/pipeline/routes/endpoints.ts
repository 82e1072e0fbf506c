// The endpoints controller's keys: services, and pods whose change can alter some
// Endpoints object. A pod key is mapped to services by the consumer (selectors are state);
// for a deleted pod, or one whose labels changed, the consumer must also look at the
// Endpoints that still list it, since the services selecting its old labels are not
// readable from the key alone. A change of an EndpointSlice the controller manages
// (a deletion, or an edit by someone else) is its Service's key, so the slice is put
// back; the controller's own slice writes come back this way too, as a sync that finds
// nothing to do (there is no record of which writes were its own, unlike kube's tracker).
import type { KubeObject } from '../../storage/object-store.ts';
import type { WorkKey } from '../work-key.ts';
import { type Change, ENDPOINT_SLICES, PODS, SERVICES, changedKey, isResource, namedKey, present } from './change.ts';
import { conditionStatus, field, isBeingDeleted, sameField, sameLabels, stringField } from './object-fields.ts';

export function endpointsKeys(change: Change): WorkKey[] {
  if (isResource(change, SERVICES)) return present([changedKey(change)]);
  if (isResource(change, ENDPOINT_SLICES)) return present([change.old, change.new].map(managingService));
  if (!isResource(change, PODS)) return [];
  const { old: before, new: after } = change;
  if (before && after && !endpointRelevantChange(before, after)) return [];
  // Created or deleted without an IP: never an address in any Endpoints (a new pod's
  // status is reset on create, so this is every create; its IP arrives as an update).
  if (!before !== !after && !hasAddress(before ?? after)) return [];
  return present([changedKey(change)]);
}

function hasAddress(pod: KubeObject | undefined): boolean {
  const ips = field(pod, 'status', 'podIPs');
  return Boolean(stringField(pod, 'status', 'podIP')) || (Array.isArray(ips) && ips.length > 0);
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/** The Service key of a slice the endpoints controller manages, else nothing. */
function managingService(slice: KubeObject | undefined): WorkKey | undefined {
  const labels = slice?.metadata?.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return undefined;
  return namedKey(SERVICES, slice?.metadata?.namespace, labels[SERVICE_NAME_LABEL]);
}

/**
 * What an endpoint address is built from, after kube's podEndpointsChanged: labels
 * (service membership), hostname and subdomain, deletion, readiness, pod IPs; plus the
 * phase, since a finished pod leaves the endpoints. nodeName is left out as kube does: it
 * is set once, before the pod has an IP, so the IP change that follows covers it.
 * Annotations, other conditions and container statuses are ignored.
 */
function endpointRelevantChange(before: KubeObject, after: KubeObject): boolean {
  return (
    !sameLabels(before, after) ||
    !sameField(before, after, 'spec', 'hostname') ||
    !sameField(before, after, 'spec', 'subdomain') ||
    isBeingDeleted(before) !== isBeingDeleted(after) ||
    conditionStatus(before, 'Ready') !== conditionStatus(after, 'Ready') ||
    !sameField(before, after, 'status', 'podIP') ||
    !sameField(before, after, 'status', 'podIPs') ||
    !sameField(before, after, 'status', 'phase')
  );
}
