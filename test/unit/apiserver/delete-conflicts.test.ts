// A DELETE outlasts other writers, as kube-apiserver's does: a pod whose node keeps
// reporting status (a crash loop on a loaded machine) must still go. The store here lets a
// "node" write the pod just before each of the next removals, so each one conflicts.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/core/clock.ts';
import { randomIds } from '../../../lib/core/ids.ts';
import { MemoryStore } from '../../../lib/storage/memory-store.ts';
import type { KubeObject, ObjectKey, Preconditions } from '../../../lib/storage/object-store.ts';
import { testApi } from '../../support/test-api.ts';

const PODS = '/api/v1/namespaces/default/pods';

/** Before each of the next `busy` removals, a writer bumps the object's status. */
class BusyWriterStore extends MemoryStore {
  busy = 0;
  removals = 0;

  override async delete(key: ObjectKey, preconditions?: Preconditions, basis?: KubeObject): Promise<KubeObject> {
    this.removals++;
    if (this.busy > 0) {
      this.busy--;
      const current = await this.get(key);
      await this.update(key.resource, { ...current, status: { ...(current['status'] as object), restarts: this.busy } }, current);
    }
    return super.delete(key, preconditions, basis);
  }
}

async function setup() {
  const store = new BusyWriterStore({ clock: systemClock, ids: randomIds });
  const api = await testApi(store);
  expect((await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })).status).toBe(201);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crashy' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } };
  const created = await api.call('POST', PODS, pod);
  expect(created.status).toBe(201);
  return { api, store, created: created.body as KubeObject };
}

describe('DELETE against a busy writer', () => {
  it('retries past many conflicting writes until the pod is gone', async () => {
    const { api, store } = await setup();
    store.busy = 10;
    const res = await api.call('DELETE', `${PODS}/crashy`, { gracePeriodSeconds: 0 });
    expect(res.status).toBe(200);
    expect(store.removals).toBe(11);
    expect((await api.call('GET', `${PODS}/crashy`)).status).toBe(404);
  });

  it('answers the first conflict with 409 when the caller named a resourceVersion', async () => {
    const { api, store, created } = await setup();
    store.busy = 1;
    const res = await api.call('DELETE', `${PODS}/crashy`, { gracePeriodSeconds: 0, preconditions: { resourceVersion: created.metadata.resourceVersion } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'Conflict' });
    expect(store.removals).toBe(1);
    expect((await api.call('GET', `${PODS}/crashy`)).status).toBe(200);
  });
});
