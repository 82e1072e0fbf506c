import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { formatFitError } from '../../../lib/scheduler/fit-error.ts';
import { addPod, buildNodeInfos } from '../../../lib/scheduler/node-info.ts';
import { fitsAfterBind, schedule } from '../../../lib/scheduler/schedule.ts';
import type { ScheduleOptions, ScheduleResult } from '../../../lib/scheduler/schedule.ts';
import { bound, node, pod } from './fixtures.ts';

function run(p: KubeObject, nodes: KubeObject[], pods: KubeObject[] = [], opts?: ScheduleOptions): ScheduleResult {
  return schedule(p, buildNodeInfos(nodes, pods), opts);
}

function messageOf(result: ScheduleResult): string {
  if (!('unschedulable' in result)) throw new Error(`scheduled on ${result.node}`);
  return result.message;
}

const cpuHog = (extra = {}) => pod('hog', { requests: { cpu: '8' }, ...extra });

describe('the unschedulable message (kube 1.32 FitError)', () => {
  it('mixed reasons across 3 nodes, sorted as "<count> <reason>" strings, with the preemption verdicts', () => {
    const nodes = [node('n1'), node('n2'), node('n3', { ready: 'Unknown' })];
    const result = run(cpuHog(), nodes);
    expect(result).toEqual({
      unschedulable: true,
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      reasons: { 'Insufficient cpu': 2, 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }': 1 },
    });
  });

  it('every reason of a node counts, so the totals can exceed the node count', () => {
    const result = run(pod('p', { requests: { cpu: '8', memory: '16Gi' } }), [node('a'), node('b')]);
    expect(messageOf(result)).toBe(
      '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. ' +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('sorts lexicographically, count included: "10 ..." before "2 ..."', () => {
    const nodes = [
      ...Array.from({ length: 10 }, (_, i) => node(`small-${i}`, { memory: '1Gi' })),
      node('cordoned-1', { unschedulable: true }),
      node('cordoned-2', { unschedulable: true }),
    ];
    expect(messageOf(run(pod('p', { requests: { memory: '2Gi' } }), nodes))).toBe(
      '0/12 nodes are available: 10 Insufficient memory, 2 node(s) were unschedulable. ' +
        'preemption: 0/12 nodes are available: 10 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('reports only unresolvable reasons as "Preemption is not helpful"', () => {
    const nodes = [node('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), node('b', { labels: { disk: 'hdd' } })];
    expect(messageOf(run(pod('p', { nodeSelector: { disk: 'ssd' } }), nodes))).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. " +
        'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('host port conflicts are resolvable by preemption', () => {
    const holder = bound('holder', 'a', { ports: [{ containerPort: 80, hostPort: 80 }] });
    expect(messageOf(run(pod('p', { ports: [{ containerPort: 80, hostPort: 80 }] }), [node('a')], [holder]))).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
        'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('says so when the pod may not preempt', () => {
    expect(messageOf(run(cpuHog({ preemptionPolicy: 'Never' }), [node('a')]))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('leaves the clause out for a profile without preemption', () => {
    expect(messageOf(run(cpuHog(), [node('a')], [], { preemption: false }))).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('leaves the clause out when evicting lower-priority pods would make room (kube would preempt)', () => {
    const low = bound('low', 'a', { requests: { cpu: '3' }, priority: 0 });
    const p = pod('vip', { requests: { cpu: '2' }, priority: 1000 });
    expect(messageOf(run(p, [node('a')], [low]))).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('gives the re-filtered reasons when even evicting every lower-priority pod is not enough', () => {
    const low = bound('low', 'a', { requests: { cpu: '1' }, priority: 0 });
    const same = bound('same', 'a', { requests: { cpu: '2' }, priority: 1000 });
    const p = pod('vip', { requests: { cpu: '3' }, priority: 1000 });
    expect(messageOf(run(p, [node('a')], [low, same]))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('a pod of equal priority finds no victims', () => {
    const peer = bound('peer', 'a', { requests: { cpu: '4' }, priority: 1000 });
    expect(messageOf(run(pod('p', { requests: { cpu: '1' }, priority: 1000 }), [node('a')], [peer]))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('with no nodes at all, uses kube\'s "no nodes available" error', () => {
    expect(run(pod('p'), [])).toEqual({ unschedulable: true, message: 'no nodes available to schedule pods', reasons: {} });
  });

  it('formats a bare histogram without a clause', () => {
    expect(formatFitError({ numAllNodes: 3, reasons: { 'Too many pods': 3 } })).toBe('0/3 nodes are available: 3 Too many pods.');
  });
});

describe('pods pinned to a node (DaemonSet-style matchFields)', () => {
  const pinned = (...names: string[]) =>
    pod('ds', {
      requests: { cpu: '2' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: names.map((n) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] })),
          },
        },
      },
    });
  const nodes = [node('n1', { cpu: '1' }), node('n2'), node('n3')];

  it('goes to its node even when others score better', () => {
    expect(run(pinned('n2'), nodes, [bound('busy', 'n2', { requests: { cpu: '1' } })])).toEqual({ node: 'n2' });
  });

  it('counts the other nodes as not examined', () => {
    expect(messageOf(run(pinned('n1'), nodes))).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('reports contradicting pins as the PreFilter failure', () => {
    const p = pod('ds', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }, { key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
          },
        },
      },
    });
    expect(run(p, nodes)).toEqual({
      unschedulable: true,
      message: '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      reasons: { 'pod affinity terms conflict': 3 },
    });
  });
});

describe('scheduling many pods against one snapshot', () => {
  it('fills a node with addPod until it is full, then explains', () => {
    let [info] = buildNodeInfos([node('only', { cpu: '2', memory: '4Gi' })], []);
    if (!info) throw new Error('no node info');
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = pod(`w-${i}`, { requests: { cpu: '1', memory: '1Gi' } });
      const result = schedule(p, [info]);
      if ('node' in result) {
        expect(fitsAfterBind(info, p)).toBe(true);
        info = addPod(info, p);
        outcomes.push(result.node);
      } else {
        expect(fitsAfterBind(info, p)).toBe(false);
        outcomes.push(result.message);
      }
    }
    expect(outcomes).toEqual([
      'only',
      'only',
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]);
  });

  it('skips nodes that are not ready, cordoned or tainted and picks a healthy one', () => {
    const nodes = [
      node('a-notready', { ready: 'False' }),
      node('b-cordoned', { unschedulable: true }),
      node('c-tainted', { taints: [{ key: 'x', effect: 'NoSchedule' }] }),
      node('d-healthy'),
    ];
    expect(run(pod('p'), nodes)).toEqual({ node: 'd-healthy' });
  });
});
