// One object per allocated ClusterIP, named by the address, as kube's IPAddress objects
// (networking.k8s.io/v1, KEP-1880) record them. Uniqueness comes from the store's
// conditional create: two Services racing for one address both try to create the same
// object, and exactly one succeeds — on DynamoDB a PutItem conditional on absence, so it
// holds across any number of apiserver instances without a lock or a shared bitmap.
// These objects are not a served kind; only the allocator and the repair read them.
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../api/errors.ts';
import type { KubeObject, ObjectStore } from '../../storage/object-store.ts';

export const IP_ADDRESSES = { group: 'networking.k8s.io', resource: 'ipaddresses' } as const;

/** kube's label values for addresses its allocator manages. */
export const MANAGED_BY_LABEL = 'ipaddress.kubernetes.io/managed-by';
export const MANAGED_BY = 'ipallocator.k8s.io';

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface Reservation {
  ip: string;
  parent: ServiceRef | undefined;
  /** When it was made (the store's creationTimestamp), for the repair's grace period. */
  createdAt: string | undefined;
}

/** Claims `ip` for the Service; false when another holder has it. */
export async function reserve(store: ObjectStore, ip: string, parent: ServiceRef): Promise<boolean> {
  try {
    await store.create(IP_ADDRESSES, reservationObject(ip, parent));
    return true;
  } catch (err) {
    if (err instanceof AlreadyExistsError) return false;
    throw err;
  }
}

/**
 * Gives `ip` back, but only if `parent` still holds it: a release that comes late must not
 * free an address that has since been given to another Service. Conditional on the
 * revision it read, so a concurrent re-reservation is never removed.
 */
export async function release(store: ObjectStore, ip: string, parent: ServiceRef): Promise<void> {
  let current: KubeObject;
  try {
    current = await store.get({ resource: IP_ADDRESSES, name: ip });
  } catch (err) {
    if (err instanceof NotFoundError) return;
    throw err;
  }
  if (!sameService(reservationOf(current).parent, parent)) return;
  try {
    await store.delete({ resource: IP_ADDRESSES, name: ip }, { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion });
  } catch (err) {
    if (!(err instanceof NotFoundError) && !(err instanceof ConflictError)) throw err;
  }
}

export async function getReservation(store: ObjectStore, ip: string): Promise<Reservation | undefined> {
  try {
    return reservationOf(await store.get({ resource: IP_ADDRESSES, name: ip }));
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

export async function listReservations(store: ObjectStore): Promise<Reservation[]> {
  const out: Reservation[] = [];
  let token: string | undefined;
  do {
    const page = await store.list(IP_ADDRESSES, { limit: 500, continue: token });
    out.push(...page.items.map(reservationOf));
    token = page.continue;
  } while (token);
  return out;
}

export function sameService(a: ServiceRef | undefined, b: ServiceRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.namespace === b.namespace && a.name === b.name;
}

function reservationObject(ip: string, parent: ServiceRef): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IPAddress',
    metadata: { name: ip, labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'ipaddress.kubernetes.io/ip-family': 'IPv4' } },
    spec: { parentRef: { group: '', resource: 'services', namespace: parent.namespace, name: parent.name } },
  };
}

function reservationOf(obj: KubeObject): Reservation {
  const ref = (obj['spec'] as { parentRef?: { namespace?: unknown; name?: unknown } } | undefined)?.parentRef;
  const parent = typeof ref?.namespace === 'string' && typeof ref.name === 'string' ? { namespace: ref.namespace, name: ref.name } : undefined;
  return { ip: obj.metadata.name ?? '', parent, createdAt: obj.metadata.creationTimestamp };
}
