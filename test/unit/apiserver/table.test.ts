// Table output negotiated from kubectl's Accept header, for get, list and watch.
import { describe, expect, it } from 'vitest';
import { configMap, testApi } from '../../support/test-api.ts';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const CM = '/api/v1/namespaces/default/configmaps';

describe('Table output', () => {
  it('answers a list as a Table with kube columns and PartialObjectMetadata rows', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a', { x: '1', y: '2' }));
    const res = await api.call('GET', CM, undefined, { accept: TABLE });
    expect(res.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(res.body.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(res.body.rows[0].cells.slice(0, 2)).toEqual(['a', 2]);
    expect(res.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'a' } });
    expect(res.body.metadata.resourceVersion).toBeTruthy();
  });

  it('includes full objects with includeObject=Object and rejects unknown values', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    const full = await api.call('GET', `${CM}?includeObject=Object`, undefined, { accept: TABLE });
    expect(full.body.rows[0].object).toMatchObject({ kind: 'ConfigMap', data: { k: 'v' } });
    expect((await api.call('GET', `${CM}?includeObject=Bogus`, undefined, { accept: TABLE })).status).toBe(400);
  });

  it('answers a single get as a one-row Table, and plain JSON when not asked', async () => {
    const api = await testApi();
    await api.call('POST', CM, configMap('a'));
    expect((await api.call('GET', `${CM}/a`, undefined, { accept: TABLE })).body.rows).toHaveLength(1);
    expect((await api.call('GET', `${CM}/a`, undefined, { accept: 'application/json' })).body.kind).toBe('ConfigMap');
  });

  it('sends one-row Tables in watch events, columns only in the first', async () => {
    const api = await testApi();
    const rv = (await api.call('GET', CM)).body.metadata.resourceVersion;
    const w = await api.watch(`${CM}?watch=true&resourceVersion=${rv}`, { accept: TABLE });
    await api.call('POST', CM, configMap('a'));
    await api.call('POST', CM, configMap('b'));
    const [first, second] = [await w.next(), await w.next()];
    await w.close();
    expect(first).toMatchObject({ type: 'ADDED', object: { kind: 'Table', rows: [{ cells: ['a', 1, expect.any(String)] }] } });
    expect(first.object.columnDefinitions).toHaveLength(3);
    expect(second.object.columnDefinitions).toEqual([]);
  });
});
