// The node lifecycle controller (kube-controller-manager's node lifecycle and taint
// eviction controllers in one reconciler), on the nodes/<name> keys its route sends for
// node changes and for renewals of the node's Lease in kube-node-lease.
//
// A pass: the node's conditions turn Unknown once its agent has been silent for the grace
// period, its readiness taints follow its Ready condition, the pods bound to it are
// evicted as their tolerations run out (and forced out once their grace period is over
// while the agent is silent), and the pass asks to come back after one tick, so that a
// node whose agent died — which changes nothing in the API — is still looked at again
// (see tick.ts for why this runs on the queue and how the chain of ticks stays single).
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import type { WorkKey } from '../../pipeline/work-key.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { rfc3339 } from '../../core/clock.ts';
import { syncNode } from './node-sync.ts';
import { syncPods } from './pod-sync.ts';
import { TickSchedule } from './tick.ts';

export interface NodeLifecycleOptions {
  /** Silence after which a node is Unknown (kube's node-monitor-grace-period). Default 40 s. */
  gracePeriodMs?: number;
  /** How often every node is looked at without any change (kube's node-monitor-period). Default 5 s. */
  tickMs?: number;
  /**
   * How long pods tolerate a not-ready or unreachable node when their toleration is the
   * one admission added (300 s): a cluster-wide stand-in for kube-apiserver's
   * --default-unreachable-toleration-seconds, for pods created before it was chosen or
   * by templates that say nothing. Absent: those tolerations are honoured as written.
   * Tolerations a pod states itself are always honoured.
   */
  defaultEvictionMs?: number;
  /** Pods acted on per pass; the rest wait for the next tick. Default 200. */
  maxPodActionsPerPass?: number;
}

export const DEFAULT_GRACE_PERIOD_MS = 40_000;
export const DEFAULT_TICK_MS = 5_000;
const DEFAULT_MAX_POD_ACTIONS = 200;

export function nodeLifecycleController(ctx: RegistryContext, opts: NodeLifecycleOptions = {}): Reconciler {
  const nodes = ctx.registry.lookup('', 'v1', 'nodes')!;
  const pods = ctx.registry.lookup('', 'v1', 'pods')!;
  const gracePeriodMs = opts.gracePeriodMs ?? DEFAULT_GRACE_PERIOD_MS;
  const ticks = new TickSchedule(opts.tickMs ?? DEFAULT_TICK_MS);
  const maxActions = opts.maxPodActionsPerPass ?? DEFAULT_MAX_POD_ACTIONS;

  async function reconcileNode(name: string, signal: AbortSignal): Promise<ReconcileResult> {
    const synced = await syncNode(ctx, nodes, name, { gracePeriodMs });
    if (!synced) {
      // A deleted node's pods are the pod garbage collector's; its ticks end here.
      ticks.forget(name);
      return {};
    }
    const { plan, nowMs } = synced;
    if (plan.podsNeedAttention) {
      await syncPods(ctx, pods, name, {
        noExecute: plan.noExecute, readyStatus: plan.readyStatus, agentSilent: plan.agentSilent,
        nowMs, now: rfc3339(new Date(nowMs)), defaultEvictionMs: opts.defaultEvictionMs,
      }, { maxActions, signal });
    }
    const after = ticks.next(name, ctx.clock.now().getTime());
    return after === undefined ? {} : { requeueAfterMs: after };
  }

  return {
    name: 'nodelifecycle',
    reconcile(key: WorkKey, signal: AbortSignal) {
      if (key.group !== '' || key.resource !== 'nodes') return Promise.resolve({});
      return reconcileNode(key.name, signal);
    },
  };
}
