// The node accounting contract, run against the in-memory fake and DynamoDB Local.
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../lib/api/errors.ts';
import { CapacityExceededError, type NodeAccounting } from '../../lib/storage/node-accounting.ts';
import type { KubeObject, ObjectStore } from '../../lib/storage/object-store.ts';

const pods = { group: '', resource: 'pods' };
const capacity = { milliCpu: 1000n, memory: 1024n * 1024n * 1024n, pods: 10 };
const charge = (milliCpu: number, hostPorts: string[] = []) => ({ milliCpu: BigInt(milliCpu), memory: 1024n * 1024n, hostPorts });

export async function pendingPod(store: ObjectStore, name: string): Promise<KubeObject> {
  return store.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
}

export function bound(pod: KubeObject, node: string): KubeObject {
  return { ...pod, spec: { ...(pod['spec'] as object), nodeName: node } };
}

export function nodeAccountingContract(name: string, make: () => Promise<{ store: ObjectStore; accounting: NodeAccounting }>): void {
  describe(`NodeAccounting contract: ${name}`, () => {
    it('binds and charges together, and returns the charge exactly once', async () => {
      const { store, accounting } = await make();
      const pod = await pendingPod(store, 'p');
      const stored = await accounting.bind(pods, bound(pod, 'n1'), 'n1', charge(250, ['TCP/0.0.0.0/80']), capacity);
      expect((stored['spec'] as { nodeName: string }).nodeName).toBe('n1');
      expect(BigInt(stored.metadata.resourceVersion!)).toBeGreaterThan(BigInt(pod.metadata.resourceVersion!));
      const usage = await accounting.usage('n1');
      expect(usage).toMatchObject({ milliCpu: 250n, pods: 1, hostPorts: ['TCP/0.0.0.0/80'] });
      expect(Object.keys(usage.charges)).toEqual([pod.metadata.uid]);
      expect(await accounting.release('n1', pod.metadata.uid!)).toBe(true);
      expect(await accounting.release('n1', pod.metadata.uid!)).toBe(false);
      expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 0n, memory: 0n, pods: 0, hostPorts: [], charges: {} });
    });

    it('refuses a charge past capacity or a taken host port, and writes nothing', async () => {
      const { store, accounting } = await make();
      const a = await pendingPod(store, 'a');
      const b = await pendingPod(store, 'b');
      await accounting.bind(pods, bound(a, 'n1'), 'n1', charge(800, ['TCP/0.0.0.0/80']), capacity);
      await expect(accounting.bind(pods, bound(b, 'n1'), 'n1', charge(300), capacity)).rejects.toThrow(CapacityExceededError);
      await expect(accounting.bind(pods, bound(b, 'n1'), 'n1', charge(100, ['TCP/0.0.0.0/80']), capacity)).rejects.toThrow(CapacityExceededError);
      expect((await store.get({ resource: pods, namespace: 'default', name: 'b' }))['spec']).not.toHaveProperty('nodeName');
      expect((await accounting.usage('n1')).pods).toBe(1);
      await accounting.bind(pods, bound(b, 'n1'), 'n1', charge(200), capacity);
      expect((await accounting.usage('n1')).milliCpu).toBe(1000n);
    });

    it('does not charge when the pod changed underneath (Conflict)', async () => {
      const { store, accounting } = await make();
      const pod = await pendingPod(store, 'p');
      await store.update(pods, { ...pod, metadata: { ...pod.metadata, labels: { moved: 'yes' } } });
      await expect(accounting.bind(pods, bound(pod, 'n1'), 'n1', charge(100), capacity)).rejects.toThrow(ConflictError);
      expect(await accounting.usage('n1')).toMatchObject({ milliCpu: 0n, pods: 0 });
    });

    it('never overcommits under concurrent binds to one node', async () => {
      const { store, accounting } = await make();
      const candidates = await Promise.all(Array.from({ length: 12 }, (_, i) => pendingPod(store, `c${i}`)));
      const results = await Promise.allSettled(candidates.map((p) => accounting.bind(pods, bound(p, 'tight'), 'tight', charge(300), capacity)));
      const landed = results.filter((r) => r.status === 'fulfilled').length;
      expect(landed).toBe(3);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CapacityExceededError);
      const usage = await accounting.usage('tight');
      expect(usage).toMatchObject({ milliCpu: 900n, pods: 3 });
      const boundNow = (await store.list(pods)).items.filter((p) => (p['spec'] as { nodeName?: string }).nodeName === 'tight');
      expect(boundNow.map((p) => p.metadata.uid).sort()).toEqual(Object.keys(usage.charges).sort());
    });
  });
}
