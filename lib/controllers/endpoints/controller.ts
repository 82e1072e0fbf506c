// The endpoints controller as a workqueue consumer (routes: lib/pipeline/routes/
// endpoints.ts). A Service key: write that Service's Endpoints (plan.ts) and its
// EndpointSlices (slice-plan.ts) from its pods, delete them when the Service is gone, and
// keep its ClusterIP reservation in step (cluster-ip-repair.ts). A pod key: sync every
// Service the pod can affect (pod-services.ts). Both objects come from one read of the
// pods, so they never disagree for longer than one sync.
//
// Pod keys of one Service are not serialised by the queue (each pod is its own message
// group), so syncs of one Service can run at once. Each sync reads the Endpoints and slices
// first and the pods after, and writes conditionally on the revisions it read: a sync whose pod
// read is older than another's write always conflicts and starts over, so the last write
// to land never reflects older pods than one it replaced.
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../api/errors.ts';
import { labelSelectorFromSpec } from '../../api/selectors/label-selector.ts';
import type { Reconciler, ReconcileResult } from '../../pipeline/reconciler.ts';
import type { WorkKey } from '../../pipeline/work-key.ts';
import { getReservation, listReservations, release, reserve } from '../../registry/clusterip/ip-reservations.ts';
import { DEFAULT_SERVICE_CIDR, parseServiceCidr } from '../../registry/clusterip/service-cidr.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { createObject } from '../../registry/generic/create.ts';
import { deleteObject } from '../../registry/generic/delete.ts';
import { updateFrom } from '../../registry/generic/update.ts';
import type { KubeObject, ObjectKey } from '../../storage/object-store.ts';
import { addressesToReserve, planReleases, RESERVATION_GRACE_MS } from './cluster-ip-repair.ts';
import { hasSelector, planEndpoints, type EndpointsPlan } from './plan.ts';
import { anySelectingService, servicesForPod } from './pod-services.ts';
import { planSlices, SERVICE_NAME_LABEL } from './slice-plan.ts';
import { applySlices } from './slice-writes.ts';
import { asControllerManager } from '../field-managers.ts';
import { listItems } from '../list-items.ts';

export interface EndpointsControllerOptions {
  /** How old an unheld ClusterIP reservation must be before it is released. */
  reservationGraceMs?: number;
}

const MAX_SYNC_ATTEMPTS = 5;

export function endpointsController(ctx: RegistryContext, opts: EndpointsControllerOptions = {}): Reconciler {
  const endpointsType = ctx.registry.lookup('', 'v1', 'endpoints')!;
  const servicesType = ctx.registry.lookup('', 'v1', 'services')!;
  const podsType = ctx.registry.lookup('', 'v1', 'pods')!;
  const slicesType = ctx.registry.lookup('discovery.k8s.io', 'v1', 'endpointslices')!;
  const cidr = parseServiceCidr(ctx.serviceClusterIPRange ?? DEFAULT_SERVICE_CIDR);
  const graceMs = opts.reservationGraceMs ?? RESERVATION_GRACE_MS;

  async function syncService(namespace: string, name: string): Promise<void> {
    const epKey: ObjectKey = { resource: endpointsType, namespace, name };
    for (let attempt = 1; attempt <= MAX_SYNC_ATTEMPTS; attempt++) {
      const current = await getOrUndefined(ctx, epKey);
      const slices = await slicesOf(namespace, name);
      const service = await getOrUndefined(ctx, { resource: servicesType, namespace, name });
      const selector = (service?.['spec'] as { selector?: Record<string, string> } | undefined) ?? {};
      const pods = service && hasSelector(selector)
        ? await listItems(ctx.store, podsType, { namespace, labelSelector: labelSelectorFromSpec({ matchLabels: selector.selector }) })
        : [];
      try {
        await apply(planEndpoints(service, pods), current, epKey);
        await applySlices(ctx, slicesType, planSlices(name, service, pods, slices), slices);
        return;
      } catch (err) {
        if (!(err instanceof ConflictError) && !(err instanceof AlreadyExistsError) && !(err instanceof NotFoundError)) throw err;
      }
    }
    throw new Error(`endpoints ${namespace}/${name} kept changing while being synced; retrying`);
  }

  async function slicesOf(namespace: string, service: string): Promise<KubeObject[]> {
    const labelSelector = labelSelectorFromSpec({ matchLabels: { [SERVICE_NAME_LABEL]: service } });
    return listItems(ctx.store, slicesType, { namespace, labelSelector });
  }

  async function apply(plan: EndpointsPlan, current: KubeObject | undefined, key: ObjectKey): Promise<void> {
    if (plan.action === 'leave-alone') return;
    if (plan.action === 'delete') {
      if (current) await deleteObject(ctx, endpointsType, key, { preconditions: { uid: current.metadata.uid } });
      return;
    }
    if (!current) {
      const metadata = { name: key.name, namespace: key.namespace, ...(Object.keys(plan.labels).length ? { labels: plan.labels } : {}) };
      await createObject(ctx, endpointsType, { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(plan.subsets.length ? { subsets: plan.subsets } : {}) }, asControllerManager);
      return;
    }
    // Labels are the Service's (kube copies them over); everything else the object carries stays.
    const next: KubeObject = { ...current, metadata: { ...current.metadata, labels: plan.labels } };
    if (!Object.keys(plan.labels).length) delete next.metadata.labels;
    if (plan.subsets.length) next['subsets'] = plan.subsets;
    else delete next['subsets'];
    await updateFrom(ctx, endpointsType, current, next, asControllerManager);
  }

  /** A live Service's addresses are reserved (the allocator never hands them out again). */
  async function ensureReservations(service: KubeObject): Promise<void> {
    const parent = { namespace: service.metadata.namespace ?? '', name: service.metadata.name ?? '' };
    for (const ip of addressesToReserve(service, cidr)) {
      if (!(await getReservation(ctx.store, ip))) await reserve(ctx.store, ip, parent);
    }
  }

  async function releaseStale(): Promise<ReconcileResult> {
    const reservations = await listReservations(ctx.store);
    const services = await listItems(ctx.store, servicesType);
    const plan = planReleases(reservations, services, ctx.clock.now(), graceMs);
    for (const r of plan.release) await release(ctx.store, r.ip, r.parent);
    return plan.recheckAfterMs !== undefined ? { requeueAfterMs: Math.ceil(plan.recheckAfterMs) } : {};
  }

  async function reconcileService(namespace: string, name: string): Promise<ReconcileResult> {
    const service = await getOrUndefined(ctx, { resource: servicesType, namespace, name });
    if (service) await ensureReservations(service);
    await syncService(namespace, name);
    return service ? {} : releaseStale();
  }

  async function reconcilePod(namespace: string, name: string, signal: AbortSignal): Promise<ReconcileResult> {
    // Services first: in a namespace where no Service selects pods (most pods' case in a
    // busy cluster) that one read settles the key.
    const services = await listItems(ctx.store, servicesType, { namespace });
    if (!anySelectingService(services)) return {};
    const pod = await getOrUndefined(ctx, { resource: podsType, namespace, name });
    const endpoints = await listItems(ctx.store, endpointsType, { namespace });
    const slices = await listItems(ctx.store, slicesType, { namespace });
    for (const service of servicesForPod(name, pod, services, endpoints, slices)) {
      signal.throwIfAborted();
      await syncService(namespace, service);
    }
    return {};
  }

  return {
    name: 'endpoints',
    reconcile(key: WorkKey, signal: AbortSignal): Promise<ReconcileResult> {
      if (key.group !== '' || !key.namespace) return Promise.resolve({});
      if (key.resource === 'services') return reconcileService(key.namespace, key.name);
      if (key.resource === 'pods') return reconcilePod(key.namespace, key.name, signal);
      return Promise.resolve({});
    },
  };
}

async function getOrUndefined(ctx: RegistryContext, key: ObjectKey): Promise<KubeObject | undefined> {
  try {
    return await ctx.store.get(key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
