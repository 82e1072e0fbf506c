// What every cluster has before anyone asks: the four system namespaces, and the
// `kubernetes` Service with its Endpoints and EndpointSlice (kubernetes-service.ts).
import { AlreadyExistsError, ConflictError, NotFoundError } from '../api/errors.ts';
import type { KubeObject } from '../storage/object-store.ts';
import { release } from './clusterip/ip-reservations.ts';
import { DEFAULT_SERVICE_CIDR, ipAt, parseServiceCidr } from './clusterip/service-cidr.ts';
import { createObject } from './generic/create.ts';
import type { RegistryContext } from './generic/context.ts';
import { BOOTSTRAP_NAMESPACES } from './generic/namespace-lifecycle.ts';
import { updateFrom } from './generic/update.ts';
import {
  type ApiserverEndpoint, type BootstrapWrite, KUBERNETES_SERVICE, kubernetesEndpointSlice, kubernetesEndpoints, kubernetesService,
  planKubernetesEndpoints, planKubernetesService,
} from './kubernetes-service.ts';

export async function ensureBootstrapNamespaces(ctx: RegistryContext): Promise<void> {
  const type = ctx.registry.lookup('', 'v1', 'namespaces');
  if (!type) throw new Error('the registry does not serve namespaces');
  for (const name of BOOTSTRAP_NAMESPACES) {
    try {
      await createObject(ctx, type, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
    }
  }
}

/**
 * Creates the `kubernetes` Service, Endpoints and EndpointSlice, or puts their ports and
 * addresses right (a restart on another port). Three reads and, on a fresh table, three
 * creates. Run at start; unlike kube-apiserver there is no loop that repairs them later.
 */
/** kube-apiserver writes these itself, and managedFields name it so. */
const AS_APISERVER = { fieldManager: 'kube-apiserver' } as const;

export async function ensureKubernetesService(ctx: RegistryContext, endpoint: ApiserverEndpoint): Promise<void> {
  const cidr = parseServiceCidr(ctx.serviceClusterIPRange ?? DEFAULT_SERVICE_CIDR);
  const targets = [
    { group: '', resource: 'services', plan: (e?: KubeObject) => planKubernetesService(e, kubernetesService(cidr, endpoint)) },
    { group: '', resource: 'endpoints', plan: (e?: KubeObject) => planKubernetesEndpoints(e, kubernetesEndpoints(endpoint), ['subsets']) },
    { group: 'discovery.k8s.io', resource: 'endpointslices', plan: (e?: KubeObject) => planKubernetesEndpoints(e, kubernetesEndpointSlice(endpoint), ['endpoints', 'ports']) },
  ];
  for (const target of targets) {
    const type = ctx.registry.lookup(target.group, 'v1', target.resource);
    if (!type) throw new Error(`the registry does not serve ${target.resource}`);
    const existing = await ctx.store.get({ resource: type, ...KUBERNETES_SERVICE }).catch(absentIfNotFound);
    const write: BootstrapWrite = target.plan(existing);
    if (!write) continue;
    // A deleted Service's address is freed only by the endpoints controller's repair, after a
    // grace period; one left behind by an earlier `kubernetes` Service is ours to take back,
    // or a restart soon after someone deleted the Service could not start.
    if (write.verb === 'create' && target.resource === 'services') await release(ctx.store, ipAt(cidr, 1), KUBERNETES_SERVICE);
    try {
      if (write.verb === 'create') await createObject(ctx, type, write.obj, AS_APISERVER);
      else await updateFrom(ctx, type, existing!, write.obj, AS_APISERVER);
    } catch (err) {
      // Another apiserver starting at the same time wrote it first: theirs stands.
      if (!(err instanceof AlreadyExistsError) && !(err instanceof ConflictError)) throw err;
    }
  }
}

function absentIfNotFound(err: unknown): undefined {
  if (err instanceof NotFoundError) return undefined;
  throw err;
}
