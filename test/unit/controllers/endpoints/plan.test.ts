import type { EndpointSubset, ServicePort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { planEndpoints } from '../../../../lib/controllers/endpoints/plan.ts';
import { anySelectingService, servicesForPod } from '../../../../lib/controllers/endpoints/pod-services.ts';
import { findPort } from '../../../../lib/controllers/endpoints/ports.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

interface PodOpts {
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  phase?: string;
  deleting?: boolean;
  ports?: { name: string; containerPort: number; protocol?: string }[];
  node?: string;
  hostname?: string;
  subdomain?: string;
  namespace?: string;
}

function pod(name: string, o: PodOpts = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: o.node ?? 'n1', containers: [{ name: 'c', image: 'x', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }], ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}) },
    status: { phase: o.phase ?? 'Running', ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.1.0.1' }), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

function service(spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}) }, spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec } };
}

const addr = (name: string, ip: string, node = 'n1') => ({ ip, nodeName: node, targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });
const HTTP = { port: 8080, protocol: 'TCP' };

describe('planEndpoints', () => {
  it.each<[string, KubeObject, KubeObject[], EndpointSubset[]]>([
    ['ready pods are addresses, not-ready ones notReadyAddresses', service({}), [pod('a', { ip: '10.1.0.1' }), pod('b', { ip: '10.1.0.2', ready: false })],
      [{ addresses: [addr('a', '10.1.0.1')], notReadyAddresses: [addr('b', '10.1.0.2')], ports: [HTTP] }]],
    ['pods the selector does not match are left out', service({}), [pod('a'), pod('other', { labels: { app: 'db' } })], [{ addresses: [addr('a', '10.1.0.1')], ports: [HTTP] }]],
    ['pods in other namespaces are left out', service({}), [pod('a', { namespace: 'elsewhere' })], []],
    ['a pod without an IP is left out', service({}), [pod('a', { ip: '' })], []],
    ['finished pods are left out', service({}), [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Failed', ip: '10.1.0.2' })], []],
    ['terminating pods are left out', service({}), [pod('a', { deleting: true })], []],
    ['publishNotReadyAddresses lists terminating and unready pods as ready', service({ publishNotReadyAddresses: true }), [pod('a', { deleting: true, ready: false })],
      [{ addresses: [addr('a', '10.1.0.1')], ports: [HTTP] }]],
    ['a numeric targetPort is used as is', service({ ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }] }), [pod('a')], [{ addresses: [addr('a', '10.1.0.1')], ports: [{ port: 9090, protocol: 'TCP' }] }]],
    ['a named targetPort may resolve differently per pod', service({}), [pod('a'), pod('b', { ip: '10.1.0.2', ports: [{ name: 'http', containerPort: 9000 }] })],
      [{ addresses: [addr('a', '10.1.0.1')], ports: [HTTP] }, { addresses: [addr('b', '10.1.0.2')], ports: [{ port: 9000, protocol: 'TCP' }] }]],
    ['a pod without the named port is left out of that port only', service({ ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' }] }),
      [pod('a', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }), pod('b', { ip: '10.1.0.2' })],
      [
        { addresses: [addr('a', '10.1.0.1')], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
        { addresses: [addr('a', '10.1.0.1'), addr('b', '10.1.0.2')], ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
      ]],
    ['a headless Service without ports lists addresses alone, with hostnames', service({ clusterIP: 'None', ports: [] }), [pod('a', { hostname: 'a', subdomain: 'web' })],
      [{ addresses: [{ ...addr('a', '10.1.0.1'), hostname: 'a' }] }]],
    ['loopback addresses (which Endpoints refuse) are left out', service({}), [pod('a', { ip: '127.0.0.1' })], []],
    // core/v1 EndpointPort.name is omitempty: an unnamed Service port gives no name at all.
    ['an unnamed port carries no name', service({ ports: [{ name: '', port: 80, targetPort: 8080, protocol: 'TCP' }] }), [pod('a')], [{ addresses: [addr('a', '10.1.0.1')], ports: [{ port: 8080, protocol: 'TCP' }] }]],
  ])('%s', (_name, svc, pods, subsets) => {
    expect(planEndpoints(svc, pods)).toEqual({ action: 'apply', labels: expect.any(Object), subsets });
  });

  it('copies the Service labels, and marks headless Services', () => {
    expect(planEndpoints(service({}, { team: 'a' }), [])).toEqual({ action: 'apply', labels: { team: 'a' }, subsets: [] });
    expect(planEndpoints(service({ clusterIP: 'None' }, { team: 'a' }), [])).toMatchObject({ labels: { team: 'a', 'service.kubernetes.io/headless': '' } });
  });

  it.each<[string, KubeObject | undefined, string]>([
    ['a deleted Service loses its Endpoints', undefined, 'delete'],
    ['a Service without a selector is left alone', service({ selector: undefined }), 'leave-alone'],
    ['an empty selector is no selector', service({ selector: {} }), 'leave-alone'],
    ['an ExternalName Service is left alone', service({ type: 'ExternalName' }), 'leave-alone'],
  ])('%s', (_name, svc, action) => {
    expect(planEndpoints(svc, [pod('a')]).action).toBe(action);
  });

  it('gives the same subsets whatever order the pods come in', () => {
    const pods = [pod('c', { ip: '10.1.0.3' }), pod('a', { ip: '10.1.0.1', ready: false }), pod('b', { ip: '10.1.0.2' })];
    expect(planEndpoints(service({}), pods)).toEqual(planEndpoints(service({}), [...pods].reverse()));
  });
});

describe('findPort', () => {
  const p = pod('a', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353 }] });
  it.each<[string, ServicePort, number | undefined]>([
    ['a number', { port: 80, targetPort: 8080 }, 8080],
    ['no targetPort: the port', { port: 80 }, 80],
    ['a name with its protocol', { port: 53, targetPort: 'dns', protocol: 'UDP' }, 53],
    ['a name with another protocol does not match', { port: 53, targetPort: 'dns', protocol: 'TCP' }, undefined],
    ['an unknown name', { port: 53, targetPort: 'nope' }, undefined],
  ])('%s', (_name, sp, expected) => {
    expect(findPort(p, sp)).toBe(expected);
  });

  it('finds named ports of sidecars (restartable init containers)', () => {
    const withSidecar: KubeObject = { ...p, spec: { containers: [], initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }] } };
    expect(findPort(withSidecar, { port: 80, targetPort: 'proxy' })).toBe(15001);
  });
});

describe('servicesForPod', () => {
  const svc = (name: string, selector?: Record<string, string>, type?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector, type } });
  const ep = (name: string, podName: string): KubeObject => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'default' }, subsets: [{ notReadyAddresses: [addr(podName, '10.1.0.1')] }] });
  it('maps a pod to the Services selecting it and those whose Endpoints list it', () => {
    const services = [svc('web', { app: 'web' }), svc('all-web', { app: 'web' }), svc('db', { app: 'db' }), svc('manual'), svc('ext', { app: 'web' }, 'ExternalName')];
    expect(servicesForPod('a', pod('a'), services, [ep('old', 'a'), ep('db', 'b')])).toEqual(['all-web', 'old', 'web']);
  });

  it('maps a deleted pod through the Endpoints that still list it', () => {
    expect(servicesForPod('a', undefined, [svc('web', { app: 'web' })], [ep('web', 'a')])).toEqual(['web']);
  });

  it('lets a pod key stop at the Services when none of them selects pods', () => {
    expect(anySelectingService([])).toBe(false);
    expect(anySelectingService([svc('kubernetes'), svc('ext', { app: 'web' }, 'ExternalName'), svc('empty', {})])).toBe(false);
    expect(anySelectingService([svc('kubernetes'), svc('web', { app: 'web' })])).toBe(true);
  });
});
