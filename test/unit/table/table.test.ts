import { describe, expect, it } from 'vitest';
import { builtinTypes } from '../../../lib/registry/builtin.ts';
import { printerFor, tableFor } from '../../../lib/apiserver/table/table.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

const metadata = {
  name: 'web',
  namespace: 'shop',
  uid: '6a1f0f44-5b1e-4c1c-9d2e-1f2a3b4c5d6e',
  resourceVersion: '4711',
  generation: 2,
  creationTimestamp: '2025-06-01T11:55:00Z',
  labels: { app: 'web' },
  annotations: { 'example.com/owner': 'team-a' },
  managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2025-06-01T11:55:00Z', fieldsType: 'FieldsV1', fieldsV1: {} }],
};
const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { a: '1' } };
const CM = { group: '', kind: 'ConfigMap' };

describe('tableFor', () => {
  it('builds a meta.k8s.io/v1 Table with one row per object, in order', () => {
    const other: KubeObject = { ...cm, metadata: { ...metadata, name: 'api' } };
    const t = tableFor(CM, [cm, other], { now: NOW, listMeta: { resourceVersion: '5000', continue: 'tok' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '5000', continue: 'tok' });
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['web', 1, '5m'],
      ['api', 1, '5m'],
    ]);
  });

  it('gives every column definition all five fields, as metav1 serialises them', () => {
    const t = tableFor(CM, [], { now: NOW });
    expect(t.columnDefinitions[0]).toEqual({ name: 'Name', type: 'string', format: 'name', description: expect.stringContaining('Name must be unique within a namespace'), priority: 0 });
    expect(t.columnDefinitions[2]).toEqual({ name: 'Age', type: 'string', format: '', description: expect.stringContaining('CreationTimestamp is a timestamp'), priority: 0 });
  });

  it('leaves metadata empty without list metadata, and omits an empty continue', () => {
    expect(tableFor(CM, [cm], { now: NOW }).metadata).toEqual({});
    expect(tableFor(CM, [cm], { now: NOW, listMeta: { resourceVersion: '9', continue: '' } }).metadata).toEqual({ resourceVersion: '9' });
  });

  it('includes the full metadata as PartialObjectMetadata by default', () => {
    const t = tableFor(CM, [cm], { now: NOW });
    expect(t.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata });
    expect(tableFor(CM, [cm], { now: NOW, includeObject: 'Metadata' }).rows[0]).toEqual(t.rows[0]);
  });

  it('includes the whole object for includeObject=Object (kubectl --sort-by)', () => {
    const row = tableFor(CM, [cm], { now: NOW, includeObject: 'Object' }).rows[0];
    expect(row?.object).toEqual(cm);
  });

  it('includes no object for includeObject=None', () => {
    const row = tableFor(CM, [cm], { now: NOW, includeObject: 'None' }).rows[0];
    expect(row).toEqual({ cells: ['web', 1, '5m'] });
    expect(JSON.stringify(row)).toBe('{"cells":["web",1,"5m"]}');
  });

  it('follows a negotiated v1beta1 into the partial metadata', () => {
    const t = tableFor(CM, [cm], { now: NOW, apiVersion: 'meta.k8s.io/v1beta1' });
    expect(t.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(t.rows[0]?.object?.['apiVersion']).toBe('meta.k8s.io/v1beta1');
  });

  it('drops the column definitions for watch events after the first', () => {
    const t = tableFor(CM, [cm], { now: NOW, omitColumns: true });
    expect(t.columnDefinitions).toEqual([]);
    expect(t.rows).toHaveLength(1);
  });

  it('hands out column definitions the caller may modify without affecting later tables', () => {
    const t = tableFor(CM, [], { now: NOW });
    t.columnDefinitions[0]!.name = 'Changed';
    expect(tableFor(CM, [], { now: NOW }).columnDefinitions[0]?.name).toBe('Name');
  });
});

describe('the generic fallback', () => {
  const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { ...metadata, creationTimestamp: '2025-05-29T12:00:00Z' } };

  it('prints Name and Age (typed date, as kube does for custom resources)', () => {
    const t = tableFor({ group: 'example.com', kind: 'Widget' }, [widget], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Age', 'date', '', 0],
    ]);
    expect(t.rows[0]?.cells).toEqual(['web', '3d']);
  });

  it('is chosen by group as well as kind', () => {
    expect(printerFor({ group: 'example.com', kind: 'Pod' })).toBe(printerFor({ group: 'x.io', kind: 'Widget' }));
    expect(printerFor({ group: '', kind: 'Pod' })).not.toBe(printerFor({ group: 'x.io', kind: 'Widget' }));
  });
});

describe('every served kind', () => {
  const expected: Record<string, string[]> = {
    '/ConfigMap': ['Name', 'Data', 'Age'],
    '/Endpoints': ['Name', 'Endpoints', 'Age'],
    '/Event': ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name'],
    '/Namespace': ['Name', 'Status', 'Age'],
    '/Node': ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'],
    '/Pod': ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'],
    '/Secret': ['Name', 'Type', 'Data', 'Age'],
    '/ServiceAccount': ['Name', 'Secrets', 'Age'],
    '/Service': ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector'],
    'apps/Deployment': ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector'],
    'apps/ReplicaSet': ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector'],
    'coordination.k8s.io/Lease': ['Name', 'Holder', 'Age'],
    'discovery.k8s.io/EndpointSlice': ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'],
  };

  it.each(builtinTypes.map((t) => [`${t.group}/${t.kind}`, t] as const))('%s has its own printer and prints a bare object', (key, type) => {
    const t = tableFor(type, [{ apiVersion: type.version, kind: type.kind, metadata: { name: 'bare' } }], { now: NOW });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(expected[key]);
    // A cell per column even when the object has no spec or status.
    expect(t.rows[0]?.cells).toHaveLength(t.columnDefinitions.length);
    expect(t.columnDefinitions.filter((c) => c.format === 'name').map((c) => c.name)).toEqual(['Name']);
  });
});
