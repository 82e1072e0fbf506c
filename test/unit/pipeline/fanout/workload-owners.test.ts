// ReplicaSet and Deployment controller routes: ownership from both images, and orphans.
import { describe, expect, it } from 'vitest';
import { type Case, DEPLOY, PODS, RS, obj, pod, ref, routesTo } from './fixtures.ts';

const rsOf = (name: string) => ref('ReplicaSet', name);
const rsKey = (name: string) => `replicaset apps/replicasets/default/${name}`;
const orphanPod = (name: string) => `replicaset /pods/default/${name}`;

const replicaSetCases: Case[] = [
  { name: 'a ReplicaSet created', change: { resource: RS, new: obj('apps/v1', 'ReplicaSet', 'web', 'default') }, want: [rsKey('web')] },
  { name: 'a ReplicaSet deleted', change: { resource: RS, old: obj('apps/v1', 'ReplicaSet', 'web', 'default') }, want: [rsKey('web')] },
  { name: 'a controlled pod created', change: { resource: PODS, new: pod('p', { owners: [rsOf('web')] }) }, want: [rsKey('web')] },
  {
    name: 'a controlled pod updated (status only)',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')] }), new: pod('p', { owners: [rsOf('web')], ready: true }) },
    want: [rsKey('web')],
  },
  { name: 'a controlled pod deleted', change: { resource: PODS, old: pod('p', { owners: [rsOf('web')] }) }, want: [rsKey('web')] },
  {
    name: 'a controlled pod bound to a node (nothing the ReplicaSet counts)',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')] }), new: pod('p', { owners: [rsOf('web')], nodeName: 'n1' }) },
    want: [],
  },
  {
    name: 'a controlled pod reporting not ready for the first time (no Ready condition and False are the same)',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')], nodeName: 'n1' }), new: pod('p', { owners: [rsOf('web')], nodeName: 'n1', ready: false, podIP: '10.0.0.1' }) },
    want: [],
  },
  {
    name: 'a controlled pod finishing (phase)',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')], phase: 'Running' }), new: pod('p', { owners: [rsOf('web')], phase: 'Failed' }) },
    want: [rsKey('web')],
  },
  {
    name: 'a controlled pod marked for deletion',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')] }), new: pod('p', { owners: [rsOf('web')], deleting: true }) },
    want: [rsKey('web')],
  },
  {
    name: 'a controlled pod relabelled (fully labeled count)',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('web')], labels: { app: 'web' } }), new: pod('p', { owners: [rsOf('web')], labels: { app: 'web', x: 'y' } }) },
    want: [rsKey('web')],
  },
  {
    name: 'ownership moved: old and new owner both',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('a')] }), new: pod('p', { owners: [rsOf('b')] }) },
    want: [rsKey('a'), rsKey('b')],
  },
  {
    name: 'released by its owner: old owner, and the pod as an adoptable orphan',
    change: { resource: PODS, old: pod('p', { owners: [rsOf('a')] }), new: pod('p') },
    want: [orphanPod('p'), rsKey('a')],
  },
  {
    name: 'adopted: the new owner',
    change: { resource: PODS, old: pod('p', { labels: { app: 'web' } }), new: pod('p', { labels: { app: 'web' }, owners: [rsOf('web')] }) },
    want: [rsKey('web')],
  },
  { name: 'an orphan created', change: { resource: PODS, new: pod('p', { labels: { app: 'web' } }) }, want: [orphanPod('p')] },
  {
    name: 'an orphan relabelled',
    change: { resource: PODS, old: pod('p', { labels: { app: 'x' } }), new: pod('p', { labels: { app: 'web' } }) },
    want: [orphanPod('p')],
  },
  {
    name: 'an orphan updated without label change (no adopter can change)',
    change: { resource: PODS, old: pod('p', { labels: { app: 'web' } }), new: pod('p', { labels: { app: 'web' }, ready: true }) },
    want: [],
  },
  { name: 'an orphan being deleted is not adopted', change: { resource: PODS, new: pod('p', { deleting: true }) }, want: [] },
  { name: 'an orphan deleted', change: { resource: PODS, old: pod('p') }, want: [] },
  {
    name: 'a pod controlled by another kind is not an orphan',
    change: { resource: PODS, new: pod('p', { owners: [ref('Job', 'j', { apiVersion: 'batch/v1' })] }) },
    want: [],
  },
  {
    name: 'a non-controller ReplicaSet reference does not count as controller',
    change: { resource: PODS, new: pod('p', { owners: [ref('ReplicaSet', 'web', { controller: false })] }) },
    want: [orphanPod('p')],
  },
  {
    name: 'a ReplicaSet-kind controller of another group is not ours',
    change: { resource: PODS, new: pod('p', { owners: [ref('ReplicaSet', 'web', { apiVersion: 'example.com/v1' })] }) },
    want: [],
  },
];

const deployOf = (name: string) => ref('Deployment', name);
const dKey = (name: string) => `deployment apps/deployments/default/${name}`;
const rs = (name: string, o: Parameters<typeof obj>[4] = {}) => obj('apps/v1', 'ReplicaSet', name, 'default', o);

const deploymentCases: Case[] = [
  { name: 'a Deployment created', change: { resource: DEPLOY, new: obj('apps/v1', 'Deployment', 'web', 'default') }, want: [dKey('web')] },
  { name: 'a Deployment deleted', change: { resource: DEPLOY, old: obj('apps/v1', 'Deployment', 'web', 'default') }, want: [dKey('web')] },
  { name: 'a controlled ReplicaSet created', change: { resource: RS, new: rs('web-1', { owners: [deployOf('web')] }) }, want: [dKey('web')] },
  { name: 'a controlled ReplicaSet deleted', change: { resource: RS, old: rs('web-1', { owners: [deployOf('web')] }) }, want: [dKey('web')] },
  {
    name: 'ReplicaSet ownership moved',
    change: { resource: RS, old: rs('r', { owners: [deployOf('a')] }), new: rs('r', { owners: [deployOf('b')] }) },
    want: [dKey('a'), dKey('b')],
  },
  { name: 'an orphan ReplicaSet created', change: { resource: RS, new: rs('r') }, want: ['deployment apps/replicasets/default/r'] },
  { name: 'pods never reach the deployment queue', change: { resource: PODS, new: pod('p', { owners: [rsOf('web-1')] }) }, want: [] },
];

describe('replicaset routes', () => {
  it.each(replicaSetCases)('$name', ({ change, want }) => {
    expect(routesTo('replicaset', change)).toEqual(want);
  });
});

describe('deployment routes', () => {
  it.each(deploymentCases)('$name', ({ change, want }) => {
    expect(routesTo('deployment', change)).toEqual(want);
  });
});
