// The namespace controller: a live namespace is given its defaults (defaults.ts: the
// `default` ServiceAccount and the root CA ConfigMap, which kube spreads over two more
// controllers; here they share this queue's namespace keys rather than add two queues). A
// Terminating namespace has everything in it deleted through the registry, then goes
// itself. Objects that take time to go (finalizers, pods on their grace period) are
// waited for with a requeue-after.
import { NotFoundError } from '../../api/errors.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import type { WorkKey } from '../../pipeline/work-key.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { ResourceType } from '../../registry/resource-type.ts';
import { ensureNamespaceDefaults } from './defaults.ts';
import { planNamespaceDeletion } from './plan.ts';
import { listItems } from '../list-items.ts';

const RECHECK_MS = 2000;

export interface NamespaceControllerOptions {
  /** The cluster CA bundle published as kube-root-ca.crt; none where the cluster has no CA. */
  rootCaPem?: string;
}

export function namespaceController(ctx: RegistryContext, opts: NamespaceControllerOptions = {}): Reconciler {
  const namespaces = ctx.registry.lookup('', 'v1', 'namespaces')!;
  return {
    name: 'namespace',
    async reconcile(key: WorkKey): Promise<ReconcileResult> {
      const ns = await getOrUndefined(ctx, key.name);
      if (ns && !ns.metadata.deletionTimestamp) {
        await ensureNamespaceDefaults(ctx, ns, opts.rootCaPem);
        return {};
      }
      const contents: { type: ResourceType; obj: KubeObject }[] = [];
      if (ns?.metadata.deletionTimestamp) {
        for (const type of ctx.registry.all().filter((t) => t.namespaced)) {
          for (const obj of await listItems(ctx.store, type, { namespace: key.name })) contents.push({ type, obj });
        }
      }
      const plan = planNamespaceDeletion(ns, contents, ctx.clock.now().getTime(), ctx.namespaces?.ttlMs ?? 0);
      if (!plan) return {};
      for (const { type, obj } of plan.deletes) {
        await ignoreNotFound(deleteObject(ctx, type, { resource: type, namespace: key.name, name: obj.metadata.name! }));
      }
      if (plan.waitingFor > 0) return { requeueAfterMs: RECHECK_MS };
      // A create admitted from a stale cache must land before the last look at the contents.
      if (plan.settleMs > 0) return { requeueAfterMs: plan.settleMs };
      // Everything we deleted went at once: the namespace deletion now finds it empty.
      const gone = await deleteObject(ctx, namespaces, { resource: namespaces, name: key.name }).then((r) => r.deleted, notFoundAsGone);
      return gone ? {} : { requeueAfterMs: RECHECK_MS };
    },
  };
}

async function getOrUndefined(ctx: RegistryContext, name: string): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get({ resource: { group: '', resource: 'namespaces' }, name });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

function notFoundAsGone(err: unknown): boolean {
  if (err instanceof NotFoundError) return true;
  throw err;
}

async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}
