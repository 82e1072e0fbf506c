// The endpoints controller's keys: services, and pods whose change can alter some
// Endpoints object. A pod key is mapped to services by the consumer (selectors are state);
// for a deleted pod, or one whose labels changed, the consumer must also look at the
// Endpoints that still list it, since the services selecting its old labels are not
// readable from the key alone.
import type { KubeObject } from '../../storage/object-store.ts';
import type { WorkKey } from '../work-key.ts';
import { type Change, PODS, SERVICES, changedKey, isResource, present } from './change.ts';
import { conditionStatus, isBeingDeleted, sameField, sameLabels } from './object-fields.ts';

export function endpointsKeys(change: Change): WorkKey[] {
  if (isResource(change, SERVICES)) return present([changedKey(change)]);
  if (!isResource(change, PODS)) return [];
  const { old: before, new: after } = change;
  if (before && after && !endpointRelevantChange(before, after)) return [];
  return present([changedKey(change)]);
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
