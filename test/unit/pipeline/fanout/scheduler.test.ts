import { describe, expect, it } from 'vitest';
import { type Case, NODES, PODS, node, pod, routesTo } from './fixtures.ts';

const podKey = 'scheduler /pods/default/';
const nodeKey = 'scheduler /nodes//';

const podCases: Case[] = [
  { name: 'a created unbound pod', change: { resource: PODS, new: pod('p') }, want: [`${podKey}p`] },
  {
    name: 'an updated unbound pod (still waiting)',
    change: { resource: PODS, old: pod('p'), new: pod('p', { labels: { a: 'b' } }) },
    want: [`${podKey}p`],
  },
  {
    name: 'an unbound pod naming default-scheduler',
    change: { resource: PODS, new: pod('p', { schedulerName: 'default-scheduler' }) },
    want: [`${podKey}p`],
  },
  { name: 'a pod for another scheduler', change: { resource: PODS, new: pod('p', { schedulerName: 'other' }) }, want: [] },
  { name: 'an unbound pod being deleted', change: { resource: PODS, old: pod('p'), new: pod('p', { deleting: true }) }, want: [] },
  { name: 'an unbound pod deleted (nothing was held)', change: { resource: PODS, old: pod('p') }, want: [] },
  {
    // Decided: the bind only takes capacity, so neither the pod nor its node is routed.
    name: 'a pod that just got bound',
    change: { resource: PODS, old: pod('p'), new: pod('p', { nodeName: 'n1' }) },
    want: [],
  },
  { name: 'a pod created already bound', change: { resource: PODS, new: pod('p', { nodeName: 'n1' }) }, want: [] },
  {
    name: 'a bound pod going Running',
    change: { resource: PODS, old: pod('p', { nodeName: 'n1' }), new: pod('p', { nodeName: 'n1', phase: 'Running' }) },
    want: [],
  },
  { name: 'a bound pod deleted', change: { resource: PODS, old: pod('p', { nodeName: 'n1', phase: 'Running' }) }, want: [`${nodeKey}n1`] },
  {
    name: 'a bound pod succeeding',
    change: { resource: PODS, old: pod('p', { nodeName: 'n1', phase: 'Running' }), new: pod('p', { nodeName: 'n1', phase: 'Succeeded' }) },
    want: [`${nodeKey}n1`],
  },
  {
    name: 'a bound pod failing',
    change: { resource: PODS, old: pod('p', { nodeName: 'n1', phase: 'Running' }), new: pod('p', { nodeName: 'n1', phase: 'Failed' }) },
    want: [`${nodeKey}n1`],
  },
  {
    name: 'a finished pod updated again (capacity already freed)',
    change: {
      resource: PODS,
      old: pod('p', { nodeName: 'n1', phase: 'Failed' }),
      new: pod('p', { nodeName: 'n1', phase: 'Failed', annotations: { x: 'y' } }),
    },
    want: [],
  },
  {
    name: 'a bound pod getting a deletionTimestamp',
    change: { resource: PODS, old: pod('p', { nodeName: 'n1', phase: 'Running' }), new: pod('p', { nodeName: 'n1', phase: 'Running', deleting: true }) },
    want: [`${nodeKey}n1`],
  },
  {
    name: 'a bound pod already being deleted, updated again',
    change: {
      resource: PODS,
      old: pod('p', { nodeName: 'n1', deleting: true }),
      new: pod('p', { nodeName: 'n1', deleting: true, ready: false }),
    },
    want: [],
  },
  { name: 'a bound pod of another scheduler deleted still frees its node', change: { resource: PODS, old: pod('p', { nodeName: 'n1', schedulerName: 'other' }) }, want: [`${nodeKey}n1`] },
];

const nodeCases: Case[] = [
  { name: 'a node created', change: { resource: NODES, new: node('n1') }, want: [`${nodeKey}n1`] },
  { name: 'a node deleted', change: { resource: NODES, old: node('n1') }, want: [] },
  {
    name: 'allocatable changed',
    change: { resource: NODES, old: node('n1'), new: node('n1', { allocatable: { cpu: '8', memory: '8Gi', pods: '110' } }) },
    want: [`${nodeKey}n1`],
  },
  { name: 'cordoned', change: { resource: NODES, old: node('n1'), new: node('n1', { unschedulable: true }) }, want: [`${nodeKey}n1`] },
  {
    name: 'uncordoned',
    change: { resource: NODES, old: node('n1', { unschedulable: true }), new: node('n1', { unschedulable: false }) },
    want: [`${nodeKey}n1`],
  },
  {
    name: 'a taint removed',
    change: { resource: NODES, old: node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), new: node('n1', { taints: [] }) },
    want: [`${nodeKey}n1`],
  },
  { name: 'became Ready', change: { resource: NODES, old: node('n1', { ready: 'False' }), new: node('n1') }, want: [`${nodeKey}n1`] },
  { name: 'a label added (nodeSelector may now match)', change: { resource: NODES, old: node('n1'), new: node('n1', { labels: { disk: 'ssd' } }) }, want: [`${nodeKey}n1`] },
  {
    name: 'only a heartbeat',
    change: { resource: NODES, old: node('n1'), new: node('n1', { heartbeat: '2025-01-01T00:00:40Z' }) },
    want: [],
  },
];

describe('scheduler routes', () => {
  it.each(podCases)('pods: $name', ({ change, want }) => {
    expect(routesTo('scheduler', change)).toEqual(want);
  });

  it.each(nodeCases)('nodes: $name', ({ change, want }) => {
    expect(routesTo('scheduler', change)).toEqual(want);
  });
});
