// The scheduler's view of the nodes: one read shared by concurrent workers, and a refused
// bind refreshes only the node it tried.
import { describe, expect, it } from 'vitest';
import { SchedulingSnapshot } from '../../../lib/controllers/scheduler/snapshot.ts';
import { MemoryNodeAccounting } from '../../../lib/storage/memory-node-accounting.ts';
import { MemoryStore } from '../../../lib/storage/memory-store.ts';
import type { KubeObject, ObjectStore } from '../../../lib/storage/object-store.ts';

const NODES = { group: '', resource: 'nodes' };
const PODS = { group: '', resource: 'pods' };
let seq = 0;
const deps = { clock: { now: () => new Date('2026-01-01T00:00:00Z') }, ids: { uid: () => `uid-${++seq}` } };

function node(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject;
}

async function setup() {
  const store = new MemoryStore(deps as never);
  for (const n of ['a', 'b']) await store.create(NODES, node(n));
  const accounting = new MemoryNodeAccounting(store);
  let lists = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'list') return (...args: Parameters<ObjectStore['list']>) => { lists++; return target.list(...args); };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as ObjectStore;
  let now = 0;
  const snapshot = new SchedulingSnapshot(counting, accounting, 5000, () => now);
  return { store, accounting, snapshot, lists: () => lists, advance: (ms: number) => (now += ms) };
}

describe('SchedulingSnapshot', () => {
  it('serves concurrent workers from one read, and reads again only after the TTL', async () => {
    const s = await setup();
    const views = await Promise.all(Array.from({ length: 8 }, () => s.snapshot.nodeInfos()));
    expect(views.every((v) => v.map((i) => i.name).join() === 'a,b')).toBe(true);
    expect(s.lists()).toBe(1);
    s.advance(4000);
    await s.snapshot.nodeInfos();
    expect(s.lists()).toBe(1);
    s.advance(2000);
    await s.snapshot.nodeInfos();
    expect(s.lists()).toBe(2);
  });

  it('refreshes only the refused node from its accounting, without listing the nodes again', async () => {
    const s = await setup();
    await s.snapshot.nodeInfos();
    const pod = await s.store.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } } as KubeObject);
    // Another scheduler instance bound a pod to "a" that this snapshot has not seen.
    await s.accounting.bind(PODS, { ...pod, spec: { ...(pod['spec'] as object), nodeName: 'a' } }, 'a', { milliCpu: 3000n, memory: 0n, hostPorts: [] });
    expect((await s.snapshot.nodeInfos()).find((i) => i.name === 'a')?.requested.milliCpu).toBe(0n);
    await s.snapshot.refreshNode('a');
    const infos = await s.snapshot.nodeInfos();
    expect(infos.find((i) => i.name === 'a')?.requested.milliCpu).toBe(3000n);
    expect(infos.find((i) => i.name === 'b')?.requested.milliCpu).toBe(0n);
    expect(s.lists()).toBe(1);
  });

  it('after invalidate, the next caller reads afresh', async () => {
    const s = await setup();
    await s.snapshot.nodeInfos();
    s.snapshot.invalidate();
    await s.snapshot.nodeInfos();
    expect(s.lists()).toBe(2);
  });
});
