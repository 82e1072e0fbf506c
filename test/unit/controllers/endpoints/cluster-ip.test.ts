// ClusterIP allocation: the range arithmetic, the allocator under concurrency on the
// in-memory store (which passes the same conditional-create contract as DynamoDB), the
// create hook as the apiserver runs it, and the release plan.
import { describe, expect, it } from 'vitest';
import { planReleases } from '../../../../lib/controllers/endpoints/cluster-ip-repair.ts';
import { allocateClusterIP } from '../../../../lib/registry/clusterip/allocator.ts';
import { listReservations, type Reservation } from '../../../../lib/registry/clusterip/ip-reservations.ts';
import { dynamicOffsets, ipAt, offsetOf, parseServiceCidr } from '../../../../lib/registry/clusterip/service-cidr.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import { testApi } from '../../../support/test-api.ts';

const SVC = '/api/v1/namespaces/default/services';

function service(name: string, spec: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

describe('service CIDR', () => {
  it('reads a range and maps offsets to addresses', () => {
    const cidr = parseServiceCidr('10.96.0.0/12');
    expect(cidr).toEqual({ text: '10.96.0.0/12', base: 0x0a600000, size: 2 ** 20 });
    expect(ipAt(cidr, 1)).toBe('10.96.0.1');
    expect(ipAt(cidr, 2 ** 20 - 2)).toBe('10.111.255.254');
    expect(dynamicOffsets(cidr)).toEqual({ first: 2, last: 2 ** 20 - 2 });
    expect(parseServiceCidr('10.96.7.9/24').base).toBe(0x0a600700);
  });

  it.each<[string, number | undefined]>([
    ['10.96.0.1', 1],
    ['10.96.0.10', 10],
    ['10.96.0.0', undefined],
    ['10.111.255.255', undefined],
    ['10.112.0.1', undefined],
    ['fd00::1', undefined],
    ['banana', undefined],
  ])('offsetOf %s', (ip, expected) => {
    expect(offsetOf(parseServiceCidr('10.96.0.0/12'), ip)).toBe(expected);
  });

  it.each(['10.96.0.0', '10.96.0.0/33', '10.96.0.0/31', 'fd00::/64', '10.96.0.0/12/1'])('refuses %s', (text) => {
    expect(() => parseServiceCidr(text)).toThrow();
  });
});

describe('allocateClusterIP', () => {
  it('never hands out an address twice, however the allocations interleave', async () => {
    const api = await testApi();
    const cidr = parseServiceCidr('10.0.0.0/27'); // 29 dynamic addresses for 20 Services
    const ips = await Promise.all(Array.from({ length: 20 }, (_, i) => allocateClusterIP(api.ctx.store, cidr, { namespace: 'default', name: `s${i}` })));
    expect(new Set(ips).size).toBe(20);
    expect(ips.every((ip) => (offsetOf(cidr, ip) ?? 0) >= 2)).toBe(true);
    expect((await listReservations(api.ctx.store)).map((r) => r.ip).sort()).toEqual([...ips].sort());
  });

  it('falls back to the free addresses when random probes keep colliding, and says when the range is full', async () => {
    const api = await testApi();
    const cidr = parseServiceCidr('10.0.0.0/29'); // dynamic: .2 to .6
    const alwaysFirst = () => 0;
    const ips = [];
    for (let i = 0; i < 5; i++) ips.push(await allocateClusterIP(api.ctx.store, cidr, { namespace: 'default', name: `s${i}` }, alwaysFirst));
    expect(ips.sort()).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    await expect(allocateClusterIP(api.ctx.store, cidr, { namespace: 'default', name: 'one-too-many' })).rejects.toThrow('range is full');
  });
});

describe('Service create', () => {
  it('allocates a ClusterIP that is in the create response', async () => {
    const api = await testApi();
    const res = await api.call('POST', SVC, service('web'));
    expect(res.status).toBe(201);
    const ip = res.body.spec.clusterIP as string;
    expect(offsetOf(parseServiceCidr('10.96.0.0/12'), ip)).toBeGreaterThanOrEqual(2);
    expect(res.body.spec).toMatchObject({ clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect((await api.call('GET', `${SVC}/web`)).body.spec.clusterIP).toBe(ip);
  });

  it('uses the configured range', async () => {
    const api = await testApi();
    api.ctx.serviceClusterIPRange = '172.20.0.0/24';
    const ip = (await api.call('POST', SVC, service('web'))).body.spec.clusterIP as string;
    expect(ip).toMatch(/^172\.20\.0\.\d+$/);
  });

  it('gives a Service the address it asks for, once, and only from the range', async () => {
    const api = await testApi();
    expect((await api.call('POST', SVC, service('first', { clusterIP: '10.96.0.10' }))).body.spec.clusterIP).toBe('10.96.0.10');
    const taken = await api.call('POST', SVC, service('second', { clusterIP: '10.96.0.10' }));
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe('Service "second" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.10": failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const outside = await api.call('POST', SVC, service('third', { clusterIP: '192.168.0.1' }));
    expect(outside.status).toBe(422);
    expect(outside.body.message).toContain('the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
    // The reserved first address is given only on request (the `kubernetes` Service's).
    expect((await api.call('POST', SVC, service('kubernetes', { clusterIP: '10.96.0.1' }))).status).toBe(201);
  });

  it('allocates nothing for headless and ExternalName Services, or for a dry run', async () => {
    const api = await testApi();
    expect((await api.call('POST', SVC, service('headless', { clusterIP: 'None' }))).body.spec.clusterIP).toBe('None');
    const ext = await api.call('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(ext.status).toBe(201);
    expect(ext.body.spec.clusterIP).toBeUndefined();
    expect((await api.call('POST', `${SVC}?dryRun=All`, service('dry'))).status).toBe(201);
    expect(await listReservations(api.ctx.store)).toEqual([]);
  });

  it('gives the address back when the write fails', async () => {
    const api = await testApi();
    await api.call('POST', SVC, service('web'));
    expect((await api.call('POST', SVC, service('web'))).status).toBe(409);
    expect(await listReservations(api.ctx.store)).toHaveLength(1);
  });
});

describe('planReleases', () => {
  const now = new Date('2026-01-01T00:10:00Z');
  const svc = (name: string, ip: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { clusterIP: ip, clusterIPs: [ip] } });
  const res = (ip: string, name: string | undefined, createdAt = '2026-01-01T00:00:00Z'): Reservation => ({ ip, parent: name ? { namespace: 'default', name } : undefined, createdAt });

  it.each<[string, Reservation[], KubeObject[], string[], number | undefined]>([
    ['held addresses stay', [res('10.96.0.5', 'web')], [svc('web', '10.96.0.5')], [], undefined],
    ['the address of a deleted Service goes', [res('10.96.0.5', 'web')], [], ['10.96.0.5'], undefined],
    ['an address its Service no longer has goes', [res('10.96.0.5', 'web')], [svc('web', '10.96.0.6')], ['10.96.0.5'], undefined],
    ['a young reservation may be a create in flight: look again later', [res('10.96.0.5', 'web', '2026-01-01T00:09:30Z')], [], [], 30_000],
    ['reservations without a Service parent are not ours', [res('10.96.0.5', undefined)], [], [], undefined],
  ])('%s', (_name, reservations, services, released, recheck) => {
    const plan = planReleases(reservations, services, now, 60_000);
    expect(plan.release.map((r) => r.ip)).toEqual(released);
    expect(plan.recheckAfterMs).toBe(recheck);
  });
});
