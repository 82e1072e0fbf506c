// The storage contract: every ObjectStore implementation runs exactly these cases.
// Fakes are only trustworthy if they pass the same suite as the real thing.
import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError, BadRequestError, ConflictError, NotFoundError, RequestEntityTooLargeError, type GroupResource,
} from '../../lib/api/errors.ts';
import { parseFieldSelector } from '../../lib/api/selectors/field-selector.ts';
import { parseLabelSelector } from '../../lib/api/selectors/label-selector.ts';
import { guaranteedUpdate } from '../../lib/storage/guaranteed-update.ts';
import type { KubeObject, ObjectStore } from '../../lib/storage/object-store.ts';

const configmaps: GroupResource = { group: '', resource: 'configmaps' };
const pods: GroupResource = { group: '', resource: 'pods' };
const namespaces: GroupResource = { group: '', resource: 'namespaces' };
const deployments: GroupResource = { group: 'apps', resource: 'deployments' };

function cm(name: string, namespace = 'default', extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { k: 'v' }, ...extra };
}

function pod(name: string, namespace: string, nodeName?: string, phase = 'Pending', labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...(nodeName ? { nodeName } : {}) },
    status: { phase },
  };
}

const rv = (o: KubeObject) => BigInt(o.metadata.resourceVersion!);

export function objectStoreContract(name: string, makeStore: () => Promise<ObjectStore>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it('creates an object with uid, creationTimestamp and a numeric resourceVersion, inventing no generation', async () => {
      const store = await makeStore();
      const created = await store.create(configmaps, cm('a'));
      expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(created.metadata).not.toHaveProperty('generation');
      expect(created.metadata.resourceVersion).toMatch(/^[1-9]\d*$/);
      expect(await store.get({ resource: configmaps, namespace: 'default', name: 'a' })).toEqual(created);
    });

    it('refuses a second create of the same name, and keeps the first', async () => {
      const store = await makeStore();
      const first = await store.create(configmaps, cm('a'));
      await expect(store.create(configmaps, cm('a', 'default', { data: { other: 'x' } }))).rejects.toThrow(AlreadyExistsError);
      await expect(store.create(configmaps, cm('a'))).rejects.toThrow('configmaps "a" already exists');
      expect(await store.get({ resource: configmaps, namespace: 'default', name: 'a' })).toEqual(first);
    });

    it('keeps the same name apart across namespaces and resources', async () => {
      const store = await makeStore();
      await store.create(configmaps, cm('a', 'one'));
      await store.create(configmaps, cm('a', 'two'));
      await store.create(deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', namespace: 'one' }, spec: {} });
      expect((await store.list(configmaps)).items.map((o) => o.metadata.namespace)).toEqual(['one', 'two']);
      expect((await store.list(deployments)).items).toHaveLength(1);
    });

    it('reports a missing object as NotFound with kube-apiserver wording', async () => {
      const store = await makeStore();
      await expect(store.get({ resource: deployments, namespace: 'default', name: 'web' })).rejects.toThrow(NotFoundError);
      await expect(store.get({ resource: deployments, namespace: 'default', name: 'web' })).rejects.toThrow('deployments.apps "web" not found');
    });

    it('updates conditionally: a new revision, identity kept, generation stored as given', async () => {
      const store = await makeStore();
      const created = await store.create(pods, pod('p', 'default'));
      const relabeled = await store.update(pods, { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
      expect(rv(relabeled)).toBeGreaterThan(rv(created));
      expect(relabeled.metadata).not.toHaveProperty('generation');
      const respecced = await store.update(pods, {
        ...relabeled,
        metadata: { ...relabeled.metadata, uid: 'forged', creationTimestamp: '2000-01-01T00:00:00Z' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      });
      // The store does not decide what a spec change means: that is the registry's per-kind rule.
      expect(respecced.metadata).not.toHaveProperty('generation');
      expect(respecced.metadata.uid).toBe(created.metadata.uid);
      expect(respecced.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
      const given = await store.update(pods, { ...respecced, metadata: { ...respecced.metadata, generation: 7 } });
      expect(given.metadata.generation).toBe(7);
      expect((await store.get({ resource: pods, namespace: 'default', name: 'p' })).metadata.generation).toBe(7);
      const kept = await store.update(pods, { ...given, status: { phase: 'Running' } });
      expect(kept.metadata.generation).toBe(7);
    });

    it('stores a generation given on create as it is', async () => {
      const store = await makeStore();
      const created = await store.create(deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', generation: 1 }, spec: {} });
      expect(created.metadata.generation).toBe(1);
      expect((await store.get({ resource: deployments, namespace: 'default', name: 'web' })).metadata.generation).toBe(1);
    });

    it('rejects an update from a stale resourceVersion with Conflict and changes nothing', async () => {
      const store = await makeStore();
      const created = await store.create(configmaps, cm('a'));
      const landed = await store.update(configmaps, { ...created, data: { k: 'first' } });
      await expect(store.update(configmaps, { ...created, data: { k: 'stale' } })).rejects.toThrow(ConflictError);
      expect(await store.get({ resource: configmaps, namespace: 'default', name: 'a' })).toEqual(landed);
    });

    it('takes identity from a basis at the named revision, and still refuses a stale one', async () => {
      const store = await makeStore();
      const created = await store.create(configmaps, cm('a'));
      const next = await store.update(configmaps, { ...created, data: { k: 'first' } }, created);
      expect(next.metadata).toMatchObject({ uid: created.metadata.uid, creationTimestamp: created.metadata.creationTimestamp });
      expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
      // The caller's basis is the old object: the write is still conditional on its revision.
      await expect(store.update(configmaps, { ...created, data: { k: 'stale' } }, created)).rejects.toThrow(ConflictError);
      expect(await store.get({ resource: configmaps, namespace: 'default', name: 'a' })).toEqual(next);
    });

    it('reports an update of a missing object as NotFound', async () => {
      const store = await makeStore();
      await expect(store.update(configmaps, { ...cm('ghost'), metadata: { name: 'ghost', namespace: 'default', resourceVersion: '1' } }))
        .rejects.toThrow(NotFoundError);
    });

    it('deletes, honours uid and resourceVersion preconditions, and allows re-creation', async () => {
      const store = await makeStore();
      const created = await store.create(configmaps, cm('a'));
      const key = { resource: configmaps, namespace: 'default', name: 'a' };
      await expect(store.delete(key, { uid: 'other' })).rejects.toThrow(/Precondition failed: UID in precondition: other/);
      await expect(store.delete(key, { resourceVersion: '1' + created.metadata.resourceVersion })).rejects.toThrow(ConflictError);
      const deleted = await store.delete(key, { uid: created.metadata.uid });
      expect(deleted.metadata.uid).toBe(created.metadata.uid);
      await expect(store.get(key)).rejects.toThrow(NotFoundError);
      await expect(store.delete(key)).rejects.toThrow(NotFoundError);
      expect((await store.list(configmaps)).items).toEqual([]);
      const again = await store.create(configmaps, cm('a'));
      expect(again.metadata.uid).not.toBe(created.metadata.uid);
      expect(rv(again)).toBeGreaterThan(rv(created));
    });


    it('deletes from a basis at the named revision, and refuses a stale one', async () => {
      const store = await makeStore();
      const created = await store.create(configmaps, cm('a'));
      const key = { resource: configmaps, namespace: 'default', name: 'a' };
      const next = await store.update(configmaps, { ...created, data: { k: 'moved' } }, created);
      const stale = { uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion };
      await expect(store.delete(key, stale, created)).rejects.toThrow(ConflictError);
      expect(await store.get(key)).toEqual(next);
      const deleted = await store.delete(key, { uid: next.metadata.uid, resourceVersion: next.metadata.resourceVersion }, next);
      expect(deleted).toEqual(next);
      await expect(store.get(key)).rejects.toThrow(NotFoundError);
    });
    it('allocates strictly increasing revisions and reports the newest', async () => {
      const store = await makeStore();
      const a = await store.create(configmaps, cm('a'));
      const b = await store.create(configmaps, cm('b'));
      const a2 = await store.update(configmaps, { ...a, data: { k: '2' } });
      expect(rv(b)).toBeGreaterThan(rv(a));
      expect(rv(a2)).toBeGreaterThan(rv(b));
      expect(BigInt(await store.currentRevision())).toBeGreaterThanOrEqual(rv(a2));
      const list = await store.list(configmaps);
      expect(BigInt(list.resourceVersion)).toBeGreaterThanOrEqual(rv(a2));
    });

    it('gives concurrent creates distinct revisions, all newer than the revision before them', async () => {
      const store = await makeStore();
      await store.create(configmaps, cm('first'));
      const before = BigInt(await store.currentRevision());
      const made = await Promise.all(Array.from({ length: 12 }, (_, i) => store.create(configmaps, cm(`c${i}`))));
      const revisions = made.map(rv);
      expect(new Set(revisions).size).toBe(12);
      for (const r of revisions) expect(r).toBeGreaterThan(before);
      expect(BigInt(await store.currentRevision())).toBeGreaterThanOrEqual(revisions.reduce((a, b) => (a > b ? a : b)));
      const listed = (await store.list(configmaps)).items.filter((o) => o.metadata.name !== 'first');
      expect(listed.map(rv).sort()).toEqual([...revisions].sort());
    });

    it('lists one namespace, all namespaces and cluster-scoped objects, in key order', async () => {
      const store = await makeStore();
      for (const [ns, n] of [['b', 'x'], ['a', 'z'], ['a', 'y'], ['a-b', 'w']] as const) await store.create(configmaps, cm(n, ns));
      await store.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
      const inA = await store.list(configmaps, { namespace: 'a' });
      expect(inA.items.map((o) => o.metadata.name)).toEqual(['y', 'z']);
      const all = await store.list(configmaps);
      expect(all.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a-b/w', 'a/y', 'a/z', 'b/x']);
      expect((await store.list(namespaces)).items.map((o) => o.metadata.name)).toEqual(['a']);
      expect((await store.list(configmaps, { namespace: 'none' })).items).toEqual([]);
    });

    it('lists the same items without a revision when the caller skips it', async () => {
      const store = await makeStore();
      for (const n of ['x', 'y']) await store.create(configmaps, cm(n, 'a'));
      const skipped = await store.list(configmaps, { namespace: 'a', skipRevision: true });
      expect(skipped.resourceVersion).toBe('');
      expect(skipped.items).toEqual((await store.list(configmaps, { namespace: 'a' })).items);
    });

    it('applies label and field selectors, including the node index', async () => {
      const store = await makeStore();
      await store.create(pods, pod('p1', 'default', 'node-a', 'Running', { app: 'web', env: 'prod' }));
      await store.create(pods, pod('p2', 'default', 'node-b', 'Running', { app: 'web', env: 'dev' }));
      await store.create(pods, pod('p3', 'other', 'node-a', 'Pending', { app: 'db' }));
      await store.create(pods, pod('p4', 'default', undefined, 'Pending', { app: 'web' }));
      const names = async (opts: Parameters<ObjectStore['list']>[1]) => (await store.list(pods, opts)).items.map((o) => o.metadata.name);
      expect(await names({ labelSelector: parseLabelSelector('app=web,env in (prod,dev)') })).toEqual(['p1', 'p2']);
      expect(await names({ labelSelector: parseLabelSelector('!env') })).toEqual(['p4', 'p3']);
      expect(await names({ fieldSelector: parseFieldSelector('spec.nodeName=node-a') })).toEqual(['p1', 'p3']);
      expect(await names({ namespace: 'default', fieldSelector: parseFieldSelector('spec.nodeName=node-a') })).toEqual(['p1']);
      expect(await names({ fieldSelector: parseFieldSelector('spec.nodeName=') })).toEqual(['p4']);
      expect(await names({ fieldSelector: parseFieldSelector('status.phase=Running,metadata.name!=p1') })).toEqual(['p2']);
      const moved = await store.get({ resource: pods, namespace: 'default', name: 'p1' });
      await store.update(pods, { ...moved, spec: { ...(moved['spec'] as object), nodeName: 'node-b' } });
      await store.delete({ resource: pods, namespace: 'other', name: 'p3' });
      expect(await names({ fieldSelector: parseFieldSelector('spec.nodeName=node-a') })).toEqual([]);
      expect(await names({ fieldSelector: parseFieldSelector('spec.nodeName=node-b') })).toEqual(['p1', 'p2']);
    });

    it('pages with limit and continue: every item once, in order, at the first page revision', async () => {
      const store = await makeStore();
      const names = Array.from({ length: 7 }, (_, i) => `cm-${i}`);
      for (const n of names) await store.create(configmaps, cm(n));
      await store.create(configmaps, cm('skip-me', 'default', { metadata: { name: 'skip-me', namespace: 'default', labels: { skip: 'yes' } } }));
      const seen: string[] = [];
      const first = await store.list(configmaps, { limit: 3, labelSelector: parseLabelSelector('!skip') });
      let page = first;
      for (;;) {
        expect(page.resourceVersion).toBe(first.resourceVersion);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((o) => o.metadata.name!));
        if (!page.continue) break;
        await store.create(configmaps, cm(`late-${seen.length}`, 'zzz')); // writes between pages do not move the list revision
        page = await store.list(configmaps, { limit: 3, continue: page.continue, labelSelector: parseLabelSelector('!skip') });
      }
      expect(seen.filter((n) => n.startsWith('cm-'))).toEqual(names);
      const exact = await store.list(configmaps, { namespace: 'default', limit: 8 });
      expect(exact.items).toHaveLength(8);
      expect(exact.continue).toBeUndefined();
      await expect(store.list(configmaps, { continue: 'not-a-token' })).rejects.toThrow(BadRequestError);
    });

    it('refuses an object too large for one item, and writes nothing', async () => {
      const store = await makeStore();
      const before = await store.currentRevision();
      await expect(store.create(configmaps, cm('big', 'default', { data: { blob: 'x'.repeat(500_000) } })))
        .rejects.toThrow(RequestEntityTooLargeError);
      await expect(store.get({ resource: configmaps, namespace: 'default', name: 'big' })).rejects.toThrow(NotFoundError);
      expect(await store.currentRevision()).toBe(before);
      const small = await store.create(configmaps, cm('small'));
      await expect(store.update(configmaps, { ...small, data: { blob: 'y'.repeat(500_000) } })).rejects.toThrow(/too large to store/);
      expect(await store.get({ resource: configmaps, namespace: 'default', name: 'small' })).toEqual(small);
    });

    it('guaranteedUpdate retries through conflicts so concurrent increments all land', async () => {
      const store = await makeStore();
      await store.create(configmaps, cm('counter', 'default', { data: { n: '0' } }));
      const key = { resource: configmaps, namespace: 'default', name: 'counter' };
      await Promise.all(Array.from({ length: 10 }, () => guaranteedUpdate(store, key, (cur) => {
        const data = cur['data'] as Record<string, string>;
        return { ...cur, data: { n: String(Number(data['n']) + 1) } };
      })));
      expect((await store.get(key))['data']).toEqual({ n: '10' });
      const unchanged = await store.get(key);
      expect(await guaranteedUpdate(store, key, (cur) => cur)).toEqual(unchanged);
    });

    it('loses no update: 20 concurrent writers either land with a distinct revision or get Conflict', async () => {
      const store = await makeStore();
      await store.create(configmaps, cm('contended', 'default', { data: {} }));
      const key = { resource: configmaps, namespace: 'default', name: 'contended' };
      const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
        const read = await store.get(key);
        try {
          const written = await store.update(configmaps, { ...read, data: { ...(read['data'] as object), [`w${i}`]: 'x' } });
          return { writer: `w${i}`, landed: true, rv: written.metadata.resourceVersion };
        } catch (err) {
          expect(err).toBeInstanceOf(ConflictError);
          return { writer: `w${i}`, landed: false, rv: undefined };
        }
      }));
      const landed = outcomes.filter((o) => o.landed);
      expect(landed.length).toBeGreaterThanOrEqual(1);
      expect(new Set(landed.map((o) => o.rv)).size).toBe(landed.length);
      const final = await store.get(key);
      expect(Object.keys(final['data'] as object).sort()).toEqual(landed.map((o) => o.writer).sort());
      expect(final.metadata.resourceVersion).toBe(landed.map((o) => o.rv!).sort((a, b) => Number(BigInt(a) - BigInt(b))).at(-1));
    });
  });
}
