// The consumers a cluster runs, in one list: skiff up starts them all in-process; in AWS
// each has its own Lambda on its own queue (functions/).
import type { Reconciler } from '../pipeline/reconciler.ts';
import type { WorkQueue } from '../queue/work-queue.ts';
import type { RegistryContext } from '../registry/generic/context.ts';
import { deploymentController } from './deployment/controller.ts';
import { endpointsController } from './endpoints/controller.ts';
import { garbageCollectorController } from './garbagecollector/controller.ts';
import { namespaceController } from './namespace/controller.ts';
import { nodeLifecycleController } from './nodelifecycle/controller.ts';
import { replicaSetController } from './replicaset/controller.ts';
import { schedulerController } from './scheduler/controller.ts';

export interface BuiltinControllerOptions {
  /** The cluster CA bundle, published in every namespace as kube-root-ca.crt. */
  rootCaPem?: string;
}

export function builtinControllers(ctx: RegistryContext, queue: WorkQueue, opts: BuiltinControllerOptions = {}): Reconciler[] {
  return [
    namespaceController(ctx, { rootCaPem: opts.rootCaPem }), schedulerController(ctx, { queue }), replicaSetController(ctx), deploymentController(ctx),
    garbageCollectorController(ctx), endpointsController(ctx), nodeLifecycleController(ctx),
  ];
}
