// The create-time hook that gives a Service its ClusterIP, as kube's service REST does
// before storing it, so the address is in the create response. Headless Services
// (clusterIP "None") and ExternalName Services get none. A Service that names an address
// gets exactly that one or a 422, as in kube. The caller stores the Service after this
// and calls release() if that store fails, so a failed create keeps no address; an
// address leaked by a crash in between is freed by the endpoints controller's repair.
import { InvalidError } from '../../api/errors.ts';
import { invalid } from '../../api/validation/field.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { RegistryContext } from '../generic/context.ts';
import type { ResourceType } from '../resource-type.ts';
import { allocateClusterIP } from './allocator.ts';
import { release, reserve, type ServiceRef } from './ip-reservations.ts';
import { DEFAULT_SERVICE_CIDR, offsetOf, parseServiceCidr } from './service-cidr.ts';

export interface CreateAllocation {
  obj: KubeObject;
  /** Gives back what was allocated; for a create whose write failed. */
  release(): Promise<void>;
}

const NOTHING = async (): Promise<void> => undefined;

type Json = Record<string, unknown>;

export async function allocateOnCreate(ctx: RegistryContext, type: ResourceType, obj: KubeObject): Promise<CreateAllocation> {
  if (type.group !== '' || type.resource !== 'services') return { obj, release: NOTHING };
  const spec = (obj['spec'] ?? {}) as Json;
  if (spec['type'] === 'ExternalName' || spec['clusterIP'] === 'None') return { obj, release: NOTHING };
  const cidr = parseServiceCidr(ctx.serviceClusterIPRange ?? DEFAULT_SERVICE_CIDR);
  const parent: ServiceRef = { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
  const requested = typeof spec['clusterIP'] === 'string' && spec['clusterIP'] !== '' ? spec['clusterIP'] : undefined;
  let ip: string;
  if (requested !== undefined) {
    if (offsetOf(cidr, requested) === undefined) {
      throw refused(parent.name, requested, `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${cidr.text}`);
    }
    if (!(await reserve(ctx.store, requested, parent))) throw refused(parent.name, requested, 'provided IP is already allocated');
    ip = requested;
  } else {
    ip = await allocateClusterIP(ctx.store, cidr, parent);
  }
  return { obj: withClusterIP(obj, ip), release: () => release(ctx.store, ip, parent) };
}

function refused(name: string, ip: string, why: string): InvalidError {
  return new InvalidError('Service', name, [invalid('spec.clusterIPs[0]', ip, `failed to allocate IP ${ip}: ${why}`)]);
}

function withClusterIP(obj: KubeObject, ip: string): KubeObject {
  const spec: Json = { ...((obj['spec'] ?? {}) as Json), clusterIP: ip, clusterIPs: [ip] };
  if (!Array.isArray(spec['ipFamilies']) || spec['ipFamilies'].length === 0) spec['ipFamilies'] = ['IPv4'];
  return { ...obj, spec };
}
