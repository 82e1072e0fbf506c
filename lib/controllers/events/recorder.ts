// Records v1 Events for controllers, the scheduler and agents. Repeats of the same reason
// and message about the same object aggregate into one Event (count, lastTimestamp) as
// kube's event correlator does: the name is derived from what is being said, so the
// second occurrence finds the first.
import { createHash } from 'node:crypto';
import { AlreadyExistsError, NotFoundError } from '../../api/errors.ts';
import { goJsonRoundTripBody } from '../../api/schema/go-json-round-trip.ts';
import { rfc3339 } from '../../core/clock.ts';
import { createObject } from '../../registry/generic/create.ts';
import type { RegistryContext } from '../../registry/generic/context.ts';
import { guaranteedUpdate } from '../../storage/guaranteed-update.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER } from '../field-managers.ts';

export interface EventSpec {
  involved: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
}

const EVENTS = { group: '', resource: 'events' };

export async function recordEvent(ctx: RegistryContext, e: EventSpec): Promise<void> {
  const events = ctx.registry.lookup('', 'v1', 'events')!;
  const m = e.involved.metadata;
  const namespace = m.namespace || 'default';
  const digest = createHash('sha256').update(`${m.uid}|${e.type}|${e.reason}|${e.message}`).digest('hex').slice(0, 16);
  const name = `${m.name}.${digest}`;
  const now = rfc3339(ctx.clock.now());
  // Shaped as kube stores a core/v1 Event (e.g. `eventTime: null`, empty reference fields absent).
  const event: KubeObject = goJsonRoundTripBody('Event', {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace },
    involvedObject: { apiVersion: e.involved.apiVersion, kind: e.involved.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
    type: e.type, reason: e.reason, message: e.message,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    reportingComponent: e.component, reportingInstance: e.host ?? '',
    count: 1, firstTimestamp: now, lastTimestamp: now,
  });
  // Twice at most: an Event found by name may expire (lib/storage/object-ttl.ts) between
  // the create that found it and the update that would count this occurrence.
  for (let attempt = 1; ; attempt++) {
    try {
      await createObject(ctx, events, structuredClone(event), { fieldManager: managerOf(e.component) });
      return;
    } catch (err) {
      if (err instanceof NotFoundError) return; // the namespace is gone: nobody will read it
      if (!(err instanceof AlreadyExistsError)) throw err;
    }
    try {
      await guaranteedUpdate(ctx.store, { resource: EVENTS, namespace, name }, (cur) => ({ ...cur, count: Number(cur['count'] ?? 1) + 1, lastTimestamp: now }));
      return;
    } catch (err) {
      if (!(err instanceof NotFoundError) || attempt >= 2) throw err;
    }
  }
}

/** The component's process, as kube records it in the Event's managedFields. */
function managerOf(component: string): string {
  return component === 'default-scheduler' ? KUBE_SCHEDULER : KUBE_CONTROLLER_MANAGER;
}
