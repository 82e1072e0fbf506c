// propagationPolicy on DELETE: the garbage collector's finalizers, as kube-apiserver sets them.
import { describe, expect, it } from 'vitest';
import { gcFinalizers, type PropagationPolicy } from '../../../lib/registry/generic/delete.ts';
import { configMap, testApi } from '../../support/test-api.ts';

const CM = '/api/v1/namespaces/default/configmaps';
const PODS = '/api/v1/namespaces/default/pods';
const MERGE = { 'content-type': 'application/merge-patch+json' };

describe('gcFinalizers', () => {
  it.each<[string, string[], PropagationPolicy | undefined, string[]]>([
    ['no policy keeps what is there', ['x'], undefined, ['x']],
    ['no policy keeps an earlier orphan', ['orphan'], undefined, ['orphan']],
    ['Background adds nothing', ['x'], 'Background', ['x']],
    ['Background clears an earlier choice', ['orphan', 'x'], 'Background', ['x']],
    ['Orphan', [], 'Orphan', ['orphan']],
    ['Foreground', ['x'], 'Foreground', ['x', 'foregroundDeletion']],
    ['a new policy replaces the old one', ['foregroundDeletion'], 'Orphan', ['orphan']],
  ])('%s', (_name, before, policy, after) => {
    expect(gcFinalizers(before, policy)).toEqual(after);
  });
});

describe('DELETE with a propagation policy', () => {
  it('Orphan and Foreground mark the object with their finalizer; Background removes it at once', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('o'));
    const orphan = await api.call('DELETE', `${CM}/o`, { propagationPolicy: 'Orphan' });
    expect(orphan.status).toBe(202);
    expect(orphan.body.metadata).toMatchObject({ finalizers: ['orphan'], deletionGracePeriodSeconds: 0 });
    expect(orphan.body.metadata.deletionTimestamp).toBeDefined();

    await api.call('POST', CM, configMap('f'));
    const fg = await api.call('DELETE', `${CM}/f?propagationPolicy=Foreground`);
    expect(fg.status).toBe(202);
    expect(fg.body.metadata.finalizers).toEqual(['foregroundDeletion']);

    // Deleting again in the background drops the collector's finalizer, and with it the object.
    expect((await api.call('DELETE', `${CM}/o`, { propagationPolicy: 'Background' })).status).toBe(200);
    expect((await api.call('GET', `${CM}/o`)).status).toBe(404);
  });

  it('orphanDependents=true is Orphan; user finalizers stay', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('c', {}, { finalizers: ['example.com/hold'] }));
    const res = await api.call('DELETE', `${CM}/c`, { orphanDependents: true });
    expect(res.status).toBe(202);
    expect(res.body.metadata.finalizers).toEqual(['example.com/hold', 'orphan']);
    // Removing the collector's finalizer leaves the user's holding the object.
    await api.call('PATCH', `${CM}/c`, { metadata: { finalizers: ['example.com/hold'] } }, MERGE);
    expect((await api.call('GET', `${CM}/c`)).status).toBe(200);
  });

  it('a dry run marks nothing', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('d'));
    const res = await api.call('DELETE', `${CM}/d?dryRun=All`, { propagationPolicy: 'Foreground' });
    expect(res.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect((await api.call('GET', `${CM}/d`)).body.metadata.finalizers).toBeUndefined();
  });

  it('a scheduled pod keeps its grace period; its node shortens it to 0, and the finalizer decides', async () => {
    const api = await testApi();
    await api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    await api.call('POST', `${PODS}/p/binding`, { target: { name: 'node-1' } });
    const marked = await api.call('DELETE', `${PODS}/p`, { propagationPolicy: 'Orphan' });
    expect(marked.status).toBe(202);
    expect(marked.body.metadata).toMatchObject({ finalizers: ['orphan'], deletionGracePeriodSeconds: 30 });

    const stopped = await api.call('DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 });
    expect(stopped.status).toBe(202);
    expect(stopped.body.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(Date.parse(stopped.body.metadata.deletionTimestamp)).toBeLessThanOrEqual(Date.parse(marked.body.metadata.deletionTimestamp));

    // What the collector does once it has orphaned the pod's dependents.
    await api.call('PATCH', `${PODS}/p`, { metadata: { finalizers: null } }, MERGE);
    expect((await api.call('GET', `${PODS}/p`)).status).toBe(404);
  });
});
