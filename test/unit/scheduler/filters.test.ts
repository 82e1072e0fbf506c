import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { filterNodeAffinity } from '../../../lib/scheduler/filter-node-affinity.ts';
import { filterPorts } from '../../../lib/scheduler/filter-ports.ts';
import { filterResources } from '../../../lib/scheduler/filter-resources.ts';
import { filterTaints } from '../../../lib/scheduler/filter-taints.ts';
import { filterUnschedulable } from '../../../lib/scheduler/filter-unschedulable.ts';
import type { Filter } from '../../../lib/scheduler/filters.ts';
import { runFilters } from '../../../lib/scheduler/filters.ts';
import { buildNodeInfos } from '../../../lib/scheduler/node-info.ts';
import type { NodeInfo } from '../../../lib/scheduler/node-info.ts';
import { podFacts } from '../../../lib/scheduler/pod-facts.ts';
import { bound, DEFAULT_TOLERATIONS, node, pod } from './fixtures.ts';

function info(n: KubeObject, pods: KubeObject[] = []): NodeInfo {
  const [i] = buildNodeInfos([n], pods);
  if (!i) throw new Error('no node info');
  return i;
}

/** The filter's reasons, or undefined when the pod fits. */
function check(filter: Filter, p: KubeObject, n: KubeObject, pods: KubeObject[] = []): string[] | undefined {
  return filter(podFacts(p), info(n, pods))?.reasons;
}

const UNSCHEDULABLE = ['node(s) were unschedulable'];
const AFFINITY = ["node(s) didn't match Pod's node affinity/selector"];
const PORTS = ["node(s) didn't have free ports for the requested pod ports"];
const taintMsg = (key: string, value = '') => [`node(s) had untolerated taint {${key}: ${value}}`];

describe('NodeUnschedulable', () => {
  const cordonToleration = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };
  const cases: [string, KubeObject, KubeObject, string[] | undefined][] = [
    ['a schedulable node', pod('p'), node('n'), undefined],
    ['a cordoned node', pod('p'), node('n', { unschedulable: true }), UNSCHEDULABLE],
    ['a cordoned node, pod tolerates the unschedulable taint', pod('p', { tolerations: [cordonToleration] }), node('n', { unschedulable: true }), undefined],
    ['a cordoned node, pod tolerates everything', pod('p', { tolerations: [{ operator: 'Exists' }] }), node('n', { unschedulable: true }), undefined],
    [
      'a cordoned node, toleration for another effect',
      pod('p', { tolerations: [{ ...cordonToleration, effect: 'NoExecute' }] }),
      node('n', { unschedulable: true }),
      UNSCHEDULABLE,
    ],
  ];
  it.each(cases)('%s', (_name, p, n, want) => expect(check(filterUnschedulable, p, n)).toEqual(want));
});

describe('TaintToleration (with readiness as taints)', () => {
  const gpu = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const cases: [string, KubeObject, KubeObject, string[] | undefined][] = [
    ['no taints', pod('p'), node('n'), undefined],
    ['untolerated NoSchedule', pod('p'), node('n', { taints: [gpu] }), taintMsg('dedicated', 'gpu')],
    ['untolerated NoExecute', pod('p'), node('n', { taints: [{ key: 'evict', effect: 'NoExecute' }] }), taintMsg('evict')],
    ['PreferNoSchedule only scores', pod('p'), node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), undefined],
    ['tolerated with Equal', pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), node('n', { taints: [gpu] }), undefined],
    ['Equal with the wrong value', pod('p', { tolerations: [{ key: 'dedicated', value: 'ssd' }] }), node('n', { taints: [gpu] }), taintMsg('dedicated', 'gpu')],
    [
      'the first untolerated taint in node order is named',
      pod('p', { tolerations: [{ key: 'a', operator: 'Exists' }] }),
      node('n', { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: 'x', effect: 'NoSchedule' }, { key: 'c', effect: 'NoSchedule' }] }),
      taintMsg('b', 'x'),
    ],
    ['Ready=False reads as the not-ready taint', pod('p'), node('n', { ready: 'False' }), taintMsg('node.kubernetes.io/not-ready')],
    ['Ready=Unknown reads as the unreachable taint', pod('p'), node('n', { ready: 'Unknown' }), taintMsg('node.kubernetes.io/unreachable')],
    ['no Ready condition yet reads as not-ready', pod('p'), node('n', { ready: null }), taintMsg('node.kubernetes.io/not-ready')],
    [
      'a real taint comes before the derived readiness taint',
      pod('p'),
      node('n', { ready: 'False', taints: [gpu] }),
      taintMsg('dedicated', 'gpu'),
    ],
    [
      'the default NoExecute tolerations do not cover the NoSchedule readiness taint',
      pod('p', { tolerations: DEFAULT_TOLERATIONS }),
      node('n', { ready: 'Unknown' }),
      taintMsg('node.kubernetes.io/unreachable'),
    ],
    [
      'the default tolerations do cover the NoExecute readiness taints',
      pod('p'),
      node('n', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
      undefined,
    ],
    [
      'a pod tolerating not-ready for every effect lands on a NotReady node',
      pod('p', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }] }),
      node('n', { ready: 'False' }),
      undefined,
    ],
  ];
  it.each(cases)('%s', (_name, p, n, want) => expect(check(filterTaints, p, n)).toEqual(want));

  it('does not add the readiness taint twice when the controller already set it', () => {
    const n = node('n', { ready: 'False', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    const p = pod('p', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(check(filterTaints, p, n)).toBeUndefined();
    expect(check(filterTaints, pod('q'), n)).toEqual(taintMsg('node.kubernetes.io/not-ready'));
  });
});

describe('NodeAffinity filter', () => {
  const labelled = node('n', { labels: { disk: 'ssd', zone: 'a' } });
  const cases: [string, KubeObject, string[] | undefined][] = [
    ['no selector', pod('p'), undefined],
    ['nodeSelector matches', pod('p', { nodeSelector: { disk: 'ssd' } }), undefined],
    ['nodeSelector value differs', pod('p', { nodeSelector: { disk: 'hdd' } }), AFFINITY],
    ['nodeSelector label missing', pod('p', { nodeSelector: { gpu: 'true' } }), AFFINITY],
    [
      'nodeSelector and required affinity must both match',
      pod('p', {
        nodeSelector: { disk: 'ssd' },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } },
      }),
      AFFINITY,
    ],
  ];
  it.each(cases)('%s', (_name, p, want) => expect(check(filterNodeAffinity, p, labelled)).toEqual(want));
});

describe('NodePorts', () => {
  const holder = (port: number, extra: object = {}) => bound('holder', 'n', { ports: [{ containerPort: 80, hostPort: port, ...extra }] });
  const want = (port: number, extra: object = {}) => pod('p', { ports: [{ containerPort: 80, hostPort: port, ...extra }] });
  const cases: [string, KubeObject, KubeObject[], string[] | undefined][] = [
    ['no host ports wanted', pod('p', { ports: [{ containerPort: 80 }] }), [holder(8080)], undefined],
    ['a free port', want(8081), [holder(8080)], undefined],
    ['the same port, both on all addresses', want(8080), [holder(8080)], PORTS],
    ['another protocol does not collide', want(8080, { protocol: 'UDP' }), [holder(8080)], undefined],
    ['explicit TCP equals the default', want(8080, { protocol: 'TCP' }), [holder(8080)], PORTS],
    ['a specific address collides with a wildcard bind', want(8080, { hostIP: '10.0.0.1' }), [holder(8080)], PORTS],
    ['a wildcard bind collides with a specific address', want(8080), [holder(8080, { hostIP: '10.0.0.1' })], PORTS],
    ['two different specific addresses do not collide', want(8080, { hostIP: '10.0.0.2' }), [holder(8080, { hostIP: '10.0.0.1' })], undefined],
    ['a port held by a finished pod is free', want(8080), [bound('done', 'n', { phase: 'Succeeded', ports: [{ containerPort: 80, hostPort: 8080 }] })], undefined],
  ];
  it.each(cases)('%s', (_name, p, pods, wantReasons) => expect(check(filterPorts, p, node('n'), pods)).toEqual(wantReasons));
});

describe('NodeResourcesFit', () => {
  const small = node('n', { cpu: '2', memory: '4Gi', pods: '3', extra: { 'example.com/gpu': '1', 'ephemeral-storage': '10Gi' } });
  const half = bound('half', 'n', { requests: { cpu: '1', memory: '2Gi' } });
  const cases: [string, KubeObject, KubeObject[], string[] | undefined][] = [
    ['fits an empty node', pod('p', { requests: { cpu: '2', memory: '4Gi' } }), [], undefined],
    ['fits exactly what is left', pod('p', { requests: { cpu: '1', memory: '2Gi' } }), [half], undefined],
    ['one millicore too many', pod('p', { requests: { cpu: '1001m' } }), [half], ['Insufficient cpu']],
    ['one byte too many', pod('p', { requests: { memory: '2147483649' } }), [half], ['Insufficient memory']],
    ['every shortfall is reported', pod('p', { requests: { cpu: '3', memory: '5Gi' } }), [], ['Insufficient cpu', 'Insufficient memory']],
    [
      'the pod count is checked even for a best-effort pod',
      pod('p'),
      [bound('a', 'n'), bound('b', 'n'), bound('c', 'n')],
      ['Too many pods'],
    ],
    [
      'too many pods comes first, with the other shortfalls',
      pod('p', { requests: { cpu: '2' } }),
      [half, bound('b', 'n'), bound('c', 'n')],
      ['Too many pods', 'Insufficient cpu'],
    ],
    ['a best-effort pod fits an overcommitted node', pod('p'), [bound('big', 'n', { requests: { cpu: '8', memory: '64Gi' } })], undefined],
    ['an extended resource that is free', pod('p', { requests: { 'example.com/gpu': '1' } }), [], undefined],
    ['an extended resource in use', pod('p', { requests: { 'example.com/gpu': '1' } }), [bound('g', 'n', { requests: { 'example.com/gpu': '1' } })], ['Insufficient example.com/gpu']],
    ['an extended resource the node lacks', pod('p', { requests: { 'example.com/fpga': '1' } }), [], ['Insufficient example.com/fpga']],
    ['a zero extended request is not checked', pod('p', { requests: { 'example.com/fpga': '0' } }), [], undefined],
    ['ephemeral storage', pod('p', { requests: { 'ephemeral-storage': '11Gi' } }), [], ['Insufficient ephemeral-storage']],
    ['limits-only requests count', pod('p', { limits: { cpu: '1500m' } }), [half], ['Insufficient cpu']],
    [
      'terminating pods still hold their resources',
      pod('p', { requests: { cpu: '1500m' } }),
      [bound('leaving', 'n', { requests: { cpu: '1' }, deleting: true })],
      ['Insufficient cpu'],
    ],
    ['failed pods do not', pod('p', { requests: { cpu: '2' } }), [bound('dead', 'n', { requests: { cpu: '2' }, phase: 'Failed' })], undefined],
  ];
  it.each(cases)('%s', (_name, p, pods, want) => expect(check(filterResources, p, small, pods)).toEqual(want));
});

describe('filter order (first refusing filter wins, as kube RunFilterPlugins)', () => {
  const full = [bound('x', 'n', { requests: { cpu: '4' }, ports: [{ containerPort: 1, hostPort: 80 }] })];
  const hungry = (extra = {}) => pod('p', { requests: { cpu: '1' }, ports: [{ containerPort: 1, hostPort: 80 }], nodeSelector: { disk: 'ssd' }, ...extra });
  const cases: [string, KubeObject, string, string[]][] = [
    ['cordon before taints, affinity, ports and resources', node('n', { unschedulable: true, taints: [{ key: 't', effect: 'NoSchedule' }] }), 'NodeUnschedulable', UNSCHEDULABLE],
    ['taints before affinity', node('n', { taints: [{ key: 't', effect: 'NoSchedule' }] }), 'TaintToleration', taintMsg('t')],
    ['readiness is a taint, so it comes before affinity', node('n', { ready: 'Unknown' }), 'TaintToleration', taintMsg('node.kubernetes.io/unreachable')],
    ['affinity before ports', node('n'), 'NodeAffinity', AFFINITY],
    ['ports before resources', node('n', { labels: { disk: 'ssd' } }), 'NodePorts', PORTS],
  ];
  it.each(cases)('%s', (_name, n, plugin, reasons) => {
    const r = runFilters(podFacts(hungry()), info(n, full));
    expect(r).toEqual({ plugin, reasons, resolvable: plugin === 'NodePorts' || plugin === 'NodeResourcesFit' });
  });

  it('resources last', () => {
    const r = runFilters(podFacts(pod('p', { requests: { cpu: '1' } })), info(node('n'), full));
    expect(r).toEqual({ plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'], resolvable: true });
  });
});
