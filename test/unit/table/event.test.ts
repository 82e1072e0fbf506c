import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../lib/apiserver/table/table.ts';
import type { TableCell } from '../../../lib/apiserver/table/types.ts';
import type { KubeObject } from '../../../lib/storage/object-store.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const ago = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function event(fields: Json): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1.17f3a2b4c5d6e7f8', namespace: 'default', creationTimestamp: ago(30) }, ...fields };
}

function row(obj: KubeObject): Record<string, TableCell> {
  const t = tableFor({ group: '', kind: 'Event' }, [obj], { now: NOW });
  const cells = t.rows[0]?.cells ?? [];
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, cells[i] ?? null]));
}

describe('event', () => {
  it('has kube’s columns, Name last and wide', () => {
    const t = tableFor({ group: '', kind: 'Event' }, [], { now: NOW });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority, c.format])).toEqual([
      ['Last Seen', 0, ''],
      ['Type', 0, ''],
      ['Reason', 0, ''],
      ['Object', 0, ''],
      ['Subobject', 1, ''],
      ['Source', 1, ''],
      ['Message', 0, ''],
      ['First Seen', 1, ''],
      ['Count', 1, ''],
      ['Name', 1, 'name'],
    ]);
  });

  it('prints a kubelet event about a pod container', () => {
    const r = row(
      event({
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', fieldPath: 'spec.containers{app}', uid: 'u1' },
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod web-1_default(u1)\n',
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: ago(25),
        lastTimestamp: ago(5),
        count: 7,
        type: 'Warning',
      }),
    );
    expect(r).toEqual({
      'Last Seen': '5m',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/web-1',
      Subobject: 'spec.containers{app}',
      Source: 'kubelet, node-1',
      Message: 'Back-off restarting failed container app in pod web-1_default(u1)',
      'First Seen': '25m',
      Count: 7,
      Name: 'web-1.17f3a2b4c5d6e7f8',
    });
  });

  it('falls back to eventTime, series and the reporting controller for events.k8s.io-style events', () => {
    const r = row(
      event({
        involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web' },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-5d8f7c to 3',
        source: {},
        eventTime: '2025-06-01T11:50:00.123456Z',
        series: { count: 4, lastObservedTime: '2025-06-01T11:58:30.000000Z' },
        reportingComponent: 'deployment-controller',
        reportingInstance: '',
        type: 'Normal',
      }),
    );
    // eventTime keeps microseconds, so first seen is 9m59.877s ago.
    expect([r['Last Seen'], r['First Seen'], r['Count'], r['Source'], r['Object']]).toEqual(['90s', '9m59s', 4, 'deployment-controller', 'deployment/web']);
  });

  it('counts a singleton new-style event once and uses first seen as last seen', () => {
    const r = row(event({ involvedObject: { kind: 'Node', name: 'node-1' }, reason: 'RegisteredNode', eventTime: '2025-06-01T11:57:00.000000Z', reportingComponent: 'node-controller', reportingInstance: 'cp-0' }));
    expect([r['Last Seen'], r['First Seen'], r['Count'], r['Source']]).toEqual(['3m', '3m', 1, 'node-controller, cp-0']);
  });

  it('prints a kind alone when the involved object has no name, and <unknown> without timestamps', () => {
    const r = row(event({ involvedObject: { kind: 'ClusterIssuer' }, reason: 'Sync', message: '  ok  ' }));
    expect([r['Object'], r['Last Seen'], r['First Seen'], r['Message'], r['Type'], r['Subobject'], r['Source']]).toEqual([
      'clusterissuer',
      '<unknown>',
      '<unknown>',
      'ok',
      '',
      '',
      '',
    ]);
  });
});
