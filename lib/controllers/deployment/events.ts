// Events the Deployment controller records, worded as kube's deployment controller words
// them: `kubectl describe deploy` shows "Scaled up replica set web-7d4b9c to 3" for a new
// ReplicaSet and "Scaled down replica set web-5f6d8 to 1 from 2" for a resize.
import type { RegistryContext } from '../../registry/generic/context.ts';
import { recordBestEffort } from '../replicaset/events.ts';
import type { Deployment } from './types.ts';

export const DEPLOYMENT_COMPONENT = 'deployment-controller';

/** A new ReplicaSet created with pods (kube says nothing for one created at 0). */
export function replicaSetCreated(ctx: RegistryContext, d: Deployment, rs: string, replicas: number): Promise<void> {
  return recordBestEffort(ctx, { involved: d, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs} to ${replicas}`, component: DEPLOYMENT_COMPONENT });
}

export function replicaSetScaled(ctx: RegistryContext, d: Deployment, rs: string, to: number, from: number): Promise<void> {
  const direction = to > from ? 'up' : 'down';
  return recordBestEffort(ctx, {
    involved: d, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${direction} replica set ${rs} to ${to} from ${from}`, component: DEPLOYMENT_COMPONENT,
  });
}

export function replicaSetCreateFailed(ctx: RegistryContext, d: Deployment, message: string): Promise<void> {
  return recordBestEffort(ctx, { involved: d, type: 'Warning', reason: 'ReplicaSetCreateError', message, component: DEPLOYMENT_COMPONENT });
}

export function selectingAll(ctx: RegistryContext, d: Deployment): Promise<void> {
  return recordBestEffort(ctx, {
    involved: d, type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.', component: DEPLOYMENT_COMPONENT,
  });
}
