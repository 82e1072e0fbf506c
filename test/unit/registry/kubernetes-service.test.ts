import { describe, expect, it } from 'vitest';
import { parseServiceCidr } from '../../../lib/registry/clusterip/service-cidr.ts';
import { ensureKubernetesService } from '../../../lib/registry/bootstrap.ts';
import {
  advertisedAddresses, kubernetesEndpointSlice, kubernetesEndpoints, kubernetesService, planKubernetesEndpoints, planKubernetesService,
} from '../../../lib/registry/kubernetes-service.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { testApi } from '../../support/test-api.ts';

const cidr = parseServiceCidr('10.96.0.0/12');
const at = (port: number, addresses: string[] = ['10.0.0.5']) => ({ port, addresses });

describe('the kubernetes Service objects', () => {
  it('is the range\'s first address, https 443 to the apiserver port, no selector', () => {
    expect(kubernetesService(cidr, at(6443))).toEqual({
      apiVersion: 'v1', kind: 'Service',
      metadata: { namespace: 'default', name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
    expect(kubernetesService(parseServiceCidr('172.20.0.0/16'), at(6443)).spec).toMatchObject({ clusterIP: '172.20.0.1' });
  });

  it('lists the apiserver addresses in Endpoints and EndpointSlice', () => {
    expect(kubernetesEndpoints(at(6443))).toMatchObject({
      metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
    expect(kubernetesEndpointSlice(at(6443))).toMatchObject({
      metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  });

  it('leaves out addresses the Endpoints kinds refuse (loopback) and keeps the port', () => {
    expect(advertisedAddresses(['127.0.0.1', '10.0.0.6', '169.254.1.1', '10.0.0.5', '10.0.0.5', '::1'])).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(kubernetesEndpoints(at(6443, ['127.0.0.1']))['subsets']).toEqual([]);
    expect(kubernetesEndpointSlice(at(6443, ['127.0.0.1']))).toMatchObject({ endpoints: [], ports: [{ port: 6443 }] });
  });
});

describe('planKubernetesService / planKubernetesEndpoints', () => {
  const svc = kubernetesService(cidr, at(6443));
  const stored = (o: KubeObject, extra: Record<string, unknown> = {}): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: '5' }, ...extra });

  it('creates what is missing and leaves what is right', () => {
    expect(planKubernetesService(undefined, svc)).toEqual({ verb: 'create', obj: svc });
    expect(planKubernetesService(stored(svc), svc)).toBeUndefined();
  });

  it('puts the ports and type right and keeps the rest (another port after a restart)', () => {
    const user = stored(svc, { spec: { ...(svc['spec'] as object), type: 'NodePort', selector: { a: 'b' } } });
    const write = planKubernetesService(user, kubernetesService(cidr, at(7443)));
    expect(write?.verb).toBe('update');
    expect(write?.obj['spec']).toMatchObject({ type: 'ClusterIP', selector: { a: 'b' }, ports: [{ name: 'https', port: 443, targetPort: 7443 }] });
    expect(write?.obj.metadata.resourceVersion).toBe('5');
  });

  it('rewrites endpoints whose labels or addresses differ', () => {
    const ep = kubernetesEndpoints(at(6443));
    expect(planKubernetesEndpoints(stored(ep), ep, ['subsets'])).toBeUndefined();
    expect(planKubernetesEndpoints(stored(ep), kubernetesEndpoints(at(6443, ['10.0.0.9'])), ['subsets'])?.verb).toBe('update');
    const relabelled = stored(ep);
    relabelled.metadata.labels = { other: 'x' };
    expect(planKubernetesEndpoints(relabelled, ep, ['subsets'])?.obj.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    const slice = kubernetesEndpointSlice(at(6443));
    expect(planKubernetesEndpoints(stored(slice), kubernetesEndpointSlice(at(7443)), ['endpoints', 'ports'])?.obj['ports']).toEqual([{ name: 'https', port: 7443, protocol: 'TCP' }]);
  });
});

describe('ensureKubernetesService', () => {
  it('creates the Service at 10.96.0.1 with its Endpoints and EndpointSlice, and follows a port change', async () => {
    const api = await testApi();
    await ensureKubernetesService(api.ctx, at(6443));
    const svc = (await api.call('GET', '/api/v1/namespaces/default/services/kubernetes')).body;
    expect(svc.spec).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], type: 'ClusterIP', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] });
    expect(svc.spec.selector).toBeUndefined();
    expect(svc.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(['kube-apiserver']);
    expect((await api.call('GET', '/api/v1/namespaces/default/endpoints/kubernetes')).body.subsets).toEqual([
      { addresses: [{ ip: '10.0.0.5' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    expect((await api.call('GET', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes')).body.endpoints).toEqual([
      { addresses: ['10.0.0.5'], conditions: { ready: true } },
    ]);

    const rv = svc.metadata.resourceVersion;
    await ensureKubernetesService(api.ctx, at(6443));
    expect((await api.call('GET', '/api/v1/namespaces/default/services/kubernetes')).body.metadata.resourceVersion).toBe(rv);

    await ensureKubernetesService(api.ctx, at(7443));
    expect((await api.call('GET', '/api/v1/namespaces/default/services/kubernetes')).body.spec.ports[0].targetPort).toBe(7443);
    expect((await api.call('GET', '/api/v1/namespaces/default/endpoints/kubernetes')).body.subsets[0].ports[0].port).toBe(7443);
  });

  it('comes back at the next start after a delete, though the address is not yet freed', async () => {
    const api = await testApi();
    await ensureKubernetesService(api.ctx, at(6443));
    expect((await api.call('DELETE', '/api/v1/namespaces/default/services/kubernetes')).status).toBe(200);
    const again = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443 }] } };
    expect((await api.call('POST', '/api/v1/namespaces/default/services', again)).status).toBe(422); // the address is still held
    await ensureKubernetesService(api.ctx, at(6443));
    expect((await api.call('GET', '/api/v1/namespaces/default/services/kubernetes')).body.spec.clusterIP).toBe('10.96.0.1');
  });

  it('keeps .1 for it: another Service asking for it is refused, others never get it', async () => {
    const api = await testApi();
    await ensureKubernetesService(api.ctx, at(6443));
    const svc = (ip?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${Math.random().toString(36).slice(2, 8)}` }, spec: { ...(ip ? { clusterIP: ip } : {}), ports: [{ port: 80 }] } });
    const taken = await api.call('POST', '/api/v1/namespaces/default/services', svc('10.96.0.1'));
    expect(taken.status).toBe(422);
    expect(taken.body.message).toContain('provided IP is already allocated');
    const other = await api.call('POST', '/api/v1/namespaces/default/services', svc());
    expect(other.status).toBe(201);
    expect(other.body.spec.clusterIP).not.toBe('10.96.0.1');
  });
});
