import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { GroupKind } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const CREATED = '2025-06-01T04:00:00Z'; // 8h

function obj(apiVersion: string, kind: string, fields: Json = {}, namespaced = true): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', ...(namespaced ? { namespace: 'default' } : {}), creationTimestamp: CREATED }, ...fields };
}

function printed(gk: GroupKind, o: KubeObject): { columns: [string, string][]; cells: TableCell[] } {
  const t = tableFor(gk, [o], { now: NOW });
  return { columns: t.columnDefinitions.map((c) => [c.name, c.type]), cells: t.rows[0]?.cells ?? [] };
}

const NS = { group: '', kind: 'Namespace' };
const CM = { group: '', kind: 'ConfigMap' };
const SECRET = { group: '', kind: 'Secret' };
const SA = { group: '', kind: 'ServiceAccount' };
const LEASE = { group: 'coordination.k8s.io', kind: 'Lease' };

describe('simple kinds', () => {
  it.each<[string, GroupKind, KubeObject, [string, string][], TableCell[]]>([
    ['active namespace', NS, obj('v1', 'Namespace', { status: { phase: 'Active' } }, false), [['Name', 'string'], ['Status', 'string'], ['Age', 'string']], ['x', 'Active', '8h']],
    ['terminating namespace', NS, obj('v1', 'Namespace', { status: { phase: 'Terminating' } }, false), [['Name', 'string'], ['Status', 'string'], ['Age', 'string']], ['x', 'Terminating', '8h']],
    ['namespace without status', NS, obj('v1', 'Namespace', {}, false), [['Name', 'string'], ['Status', 'string'], ['Age', 'string']], ['x', '', '8h']],
    ['configmap: data and binaryData keys both count', CM, obj('v1', 'ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), [['Name', 'string'], ['Data', 'string'], ['Age', 'string']], ['x', 3, '8h']],
    ['empty configmap', CM, obj('v1', 'ConfigMap'), [['Name', 'string'], ['Data', 'string'], ['Age', 'string']], ['x', 0, '8h']],
    [
      'opaque secret',
      SECRET,
      obj('v1', 'Secret', { type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } }),
      [['Name', 'string'], ['Type', 'string'], ['Data', 'string'], ['Age', 'string']],
      ['x', 'Opaque', 2, '8h'],
    ],
    [
      'tls secret',
      SECRET,
      obj('v1', 'Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Yw==', 'tls.key': 'aw==', 'ca.crt': 'Yw==' } }),
      [['Name', 'string'], ['Type', 'string'], ['Data', 'string'], ['Age', 'string']],
      ['x', 'kubernetes.io/tls', 3, '8h'],
    ],
    ['service account with a secret', SA, obj('v1', 'ServiceAccount', { secrets: [{ name: 'x-token' }] }), [['Name', 'string'], ['Secrets', 'string'], ['Age', 'string']], ['x', 1, '8h']],
    ['service account without secrets', SA, obj('v1', 'ServiceAccount'), [['Name', 'string'], ['Secrets', 'string'], ['Age', 'string']], ['x', 0, '8h']],
    [
      'held lease',
      LEASE,
      obj('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'cp-0_6f1c', leaseDurationSeconds: 15 } }),
      [['Name', 'string'], ['Holder', 'string'], ['Age', 'string']],
      ['x', 'cp-0_6f1c', '8h'],
    ],
    ['unheld lease', LEASE, obj('coordination.k8s.io/v1', 'Lease', { spec: {} }), [['Name', 'string'], ['Holder', 'string'], ['Age', 'string']], ['x', '', '8h']],
  ])('%s', (_name, gk, o, columns, cells) => {
    expect(printed(gk, o)).toEqual({ columns, cells });
  });
});
