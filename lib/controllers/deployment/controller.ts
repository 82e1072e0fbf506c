// The Deployment controller as a workqueue consumer (kube's syncDeployment). A Deployment
// key: read it and its namespace's ReplicaSets (and pods, for Recreate), plan (plan.ts),
// write the plan (apply-plan.ts). A ReplicaSet key: an orphan ReplicaSet that a Deployment
// may adopt; the adoption is a ReplicaSet change routed to the adopter's own key, where
// the rollout decisions are made one pass at a time in that key's FIFO message group.
//
// Duplicated or replayed messages are harmless without in-memory state: each pass plans
// from fresh reads, every update is conditional on the resourceVersion it planned from,
// and the new ReplicaSet's name is `<deployment>-<pod-template-hash>`, so two passes that
// both decide to create it make one object and one AlreadyExists.
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import { TerminalError } from '../../pipeline/reconciler.ts';
import { encodeKey, type WorkKey } from '../../pipeline/work-key.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { adoptOrphan } from '../replicaset/adopt-orphan.ts';
import { DEPLOYMENTS, getOrUndefined, listIn, PODS, REPLICASETS } from '../replicaset/reads.ts';
import type { Pod, ReplicaSet } from '../replicaset/types.ts';
import { applyDeploymentPlan, type ApplyTypes } from './apply-plan.ts';
import { planDeployment } from './plan.ts';
import type { Deployment } from './types.ts';

/** Passes restarted because something changed under them, before backing off. */
const MAX_PASSES = 3;

export function deploymentController(ctx: RegistryContext): Reconciler {
  const types: ApplyTypes = {
    deployments: ctx.registry.lookup('apps', 'v1', 'deployments')!,
    replicaSets: ctx.registry.lookup('apps', 'v1', 'replicasets')!,
  };

  /** One read-plan-write pass; undefined when a write raced and the pass must start over. */
  async function pass(namespace: string, name: string): Promise<ReconcileResult | undefined> {
    const d = (await getOrUndefined(ctx, DEPLOYMENTS, namespace, name)) as Deployment | undefined;
    // Gone: its ReplicaSets are the garbage collector's.
    if (!d) return {};
    const replicaSets = (await listIn(ctx, REPLICASETS, namespace)) as ReplicaSet[];
    // Only Recreate looks at pods (it waits for every old one to be gone).
    const pods = d.spec?.strategy?.type === 'Recreate' ? ((await listIn(ctx, PODS, namespace)) as Pod[]) : undefined;
    const plan = planDeployment(d, replicaSets, pods, ctx.clock.now());
    if ((await applyDeploymentPlan(ctx, types, d, replicaSets, plan)) === 'again') return undefined;
    return plan.requeueAfterSeconds === undefined ? {} : { requeueAfterMs: plan.requeueAfterSeconds * 1000 };
  }

  async function syncDeployment(namespace: string, name: string): Promise<ReconcileResult> {
    for (let attempt = 1; attempt <= MAX_PASSES; attempt++) {
      const done = await pass(namespace, name);
      if (done) return done;
    }
    throw new Error(`deployment ${namespace}/${name} kept changing during ${MAX_PASSES} passes; retrying with backoff`);
  }

  return {
    name: 'deployment',
    async reconcile(key: WorkKey): Promise<ReconcileResult> {
      if (!key.namespace) throw new TerminalError(`deployment controller got a key without a namespace: ${encodeKey(key)}`);
      if (key.group === 'apps' && key.resource === 'deployments') return syncDeployment(key.namespace, key.name);
      if (key.group === 'apps' && key.resource === 'replicasets') {
        const namespace = key.namespace;
        await adoptOrphan<ReplicaSet>(ctx, {
          type: types.replicaSets, ownerApiVersion: 'apps/v1', ownerKind: 'Deployment',
          get: async () => (await getOrUndefined(ctx, REPLICASETS, namespace, key.name)) as ReplicaSet | undefined,
          owners: () => listIn(ctx, DEPLOYMENTS, namespace),
        });
        return {};
      }
      throw new TerminalError(`deployment controller cannot reconcile ${encodeKey(key)}`);
    },
  };
}
