// The scheduler as a workqueue consumer. A pod key: pick a node from the snapshot (pure
// lib/scheduler) and bind through the registry with the node's charge in one transaction
// conditional on capacity; a lost race re-reads and tries again. No node fits: condition
// PodScheduled=False/Unschedulable with kube-scheduler's message, a Warning event, and a
// retry later. A node key (capacity may have changed): return the charges of pods that no
// longer hold resources, exactly once, and re-queue the pods still waiting.
import { ConflictError, NotFoundError } from '../../api/errors.ts';
import { rfc3339 } from '../../core/clock.ts';
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import { resyncMessage } from '../../pipeline/resync.ts';
import { encodeKey, keyFor, type WorkKey } from '../../pipeline/work-key.ts';
import { sendAll, type WorkQueue } from '../../queue/work-queue.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import { bindPod, nodeCapacity } from '../../registry/subresources/binding.ts';
import { parseFieldSelector } from '../../api/selectors/field-selector.ts';
import { holdsResources, schedule, type NodeInfo } from '../../scheduler/index.ts';
import { CapacityExceededError, type Capacity } from '../../storage/node-accounting.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { recordEvent } from '../events/recorder.ts';
import { SchedulingSnapshot } from './snapshot.ts';
import { KUBE_SCHEDULER } from '../field-managers.ts';
import { listItems } from '../list-items.ts';

export interface SchedulerOptions {
  /** Re-queues waiting pods when a node changes; absent, they wait for their own retry. */
  queue?: WorkQueue;
  snapshotTtlMs?: number;
  /** How long an unschedulable pod waits before it is tried again without any node event. */
  retryUnschedulableMs?: number;
}

const PODS = { group: '', resource: 'pods' };
const MAX_BIND_ATTEMPTS = 5;
// Node changes that can make a pod fit invalidate the snapshot through node keys, and our
// own binds update it in place, so the TTL only bounds what other instances' binds and a
// lost message can hide: a stale view costs a refused bind, never an overcommit.
const DEFAULT_SNAPSHOT_TTL_MS = 5000;

export function schedulerController(ctx: RegistryContext, opts: SchedulerOptions = {}): Reconciler {
  const pods = ctx.registry.lookup('', 'v1', 'pods')!;
  const snapshot = new SchedulingSnapshot(ctx.store, ctx.accounting, opts.snapshotTtlMs ?? DEFAULT_SNAPSHOT_TTL_MS, () => ctx.clock.now().getTime());
  const retryMs = opts.retryUnschedulableMs ?? 30_000;
  // At random, as kube-scheduler: schedulers in other Lambda instances (each with its own
  // snapshot) would otherwise all pick the same first-named node and refuse each other's binds.
  const pickAmongBest = (tied: readonly string[]): string => tied[ctx.ids.pickIndex(tied.length)]!;

  async function schedulePod(key: WorkKey): Promise<ReconcileResult> {
    for (let attempt = 1; attempt <= MAX_BIND_ATTEMPTS; attempt++) {
      const pod = await getOrUndefined(ctx, { resource: PODS, namespace: key.namespace, name: key.name });
      if (!pod || !wantsScheduling(pod)) return {};
      const read = await snapshot.nodeInfos();
      // Choose against the view as it is now (other workers may have assumed pods since the
      // read resolved), and assume the choice in the same synchronous step.
      const infos = snapshot.current() ?? read;
      const result = schedule(pod, infos, { pickAmongBest });
      if ('unschedulable' in result) {
        await markUnschedulable(pod, result.message);
        return { requeueAfterMs: retryMs };
      }
      snapshot.assume(result.node, pod);
      try {
        const bound = await bindPod(ctx, pods, { resource: pods, namespace: key.namespace, name: key.name }, { target: { kind: 'Node', name: result.node } }, { enforceCapacity: true, pod, capacity: capacityOf(infos, result.node) });
        await recordEvent(ctx, { involved: bound, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${key.namespace}/${key.name} to ${result.node}`, component: 'default-scheduler' });
        return {};
      } catch (err) {
        // The assumption did not land: learn the node's real usage (after a refusal, the node
        // filled up since our snapshot) and, for a refusal or a changed pod, choose again.
        await snapshot.refreshNode(result.node).catch(() => snapshot.invalidate());
        if (!(err instanceof CapacityExceededError) && !(err instanceof ConflictError)) throw err;
      }
    }
    throw new Error(`could not bind ${key.namespace}/${key.name} after ${MAX_BIND_ATTEMPTS} attempts; retrying with backoff`);
  }

  async function markUnschedulable(pod: KubeObject, message: string): Promise<void> {
    const status = (pod['status'] ?? {}) as { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
    const existing = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (existing?.status === 'False' && existing.reason === 'Unschedulable' && existing.message === message) return;
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: rfc3339(ctx.clock.now()) } as never);
    try {
      await updateFrom(ctx, pods, pod, { ...pod, status: { ...status, conditions } }, { fieldManager: KUBE_SCHEDULER, subresource: 'status' });
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof NotFoundError)) throw err;
    }
    await recordEvent(ctx, { involved: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' });
  }

  async function reconcileNode(name: string): Promise<ReconcileResult> {
    if (ctx.accounting) {
      const usage = await ctx.accounting.usage(name);
      const onNode = await listItems(ctx.store, PODS, { fieldSelector: parseFieldSelector(`spec.nodeName=${name}`) });
      const holding = new Set(onNode.filter(holdsResources).map((p) => p.metadata.uid));
      for (const uid of Object.keys(usage.charges)) if (!holding.has(uid)) await ctx.accounting.release(name, uid);
    }
    snapshot.invalidate();
    if (opts.queue) {
      const waiting = (await listItems(ctx.store, PODS, { fieldSelector: parseFieldSelector('spec.nodeName=') })).filter(wantsScheduling);
      const round = `node:${name}@${ctx.clock.now().toISOString()}`;
      await sendAll(opts.queue, 'scheduler', waiting.map((p) => resyncMessage(encodeKey(keyFor(PODS, p.metadata)), round)));
    }
    return {};
  }

  return {
    name: 'scheduler',
    reconcile(key) {
      if (key.resource === 'nodes') return reconcileNode(key.name);
      if (key.resource === 'pods') return schedulePod(key);
      return Promise.resolve({});
    },
  };
}

/** The chosen node's allocatable from the snapshot, so the bind need not read the node again. */
function capacityOf(infos: readonly NodeInfo[], node: string): Capacity | undefined {
  const info = infos.find((i) => i.name === node);
  return info ? nodeCapacity(info.node) : undefined;
}

function wantsScheduling(pod: KubeObject): boolean {
  const spec = (pod['spec'] ?? {}) as { nodeName?: string; schedulerName?: string };
  return !spec.nodeName && !pod.metadata.deletionTimestamp && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler';
}

async function getOrUndefined(ctx: RegistryContext, key: { resource: typeof PODS; namespace?: string; name: string }): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get(key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
