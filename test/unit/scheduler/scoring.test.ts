import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { buildNodeInfos } from '../../../lib/scheduler/node-info.ts';
import type { NodeInfo } from '../../../lib/scheduler/node-info.ts';
import { podFacts } from '../../../lib/scheduler/pod-facts.ts';
import { schedule } from '../../../lib/scheduler/schedule.ts';
import { balancedAllocationScore, leastAllocatedScore } from '../../../lib/scheduler/score-resources.ts';
import { spreadCounter, spreadScores } from '../../../lib/scheduler/score-spread.ts';
import { bestNodes } from '../../../lib/scheduler/scoring.ts';
import { bound, node, pod } from './fixtures.ts';

function infos(nodes: KubeObject[], pods: KubeObject[] = []): NodeInfo[] {
  return buildNodeInfos(nodes, pods);
}

function only(list: NodeInfo[]): NodeInfo {
  const [first] = list;
  if (!first) throw new Error('no node info');
  return first;
}

describe('resource scores (kube formulas, integer where kube is)', () => {
  const p = podFacts(pod('p', { requests: { cpu: '1', memory: '2Gi' } }));
  const cases: [string, KubeObject[], number, number][] = [
    // (4000-1000)*100/4000 = 75 for both; fractions 0.25 and 0.25.
    ['an empty node', [], 75, 100],
    // cpu (4000-3000)*100/4000 = 25, memory (8-4)*100/8 = 50, (25+50)/2 = 37; std |0.75-0.5|/2 → 87.5 → 87.
    ['a half-used node', [bound('x', 'n', { requests: { cpu: '2', memory: '2Gi' } })], 37, 87],
    // Over capacity scores 0 for that resource; fractions cap at 1.
    ['an overcommitted node', [bound('x', 'n', { requests: { cpu: '4', memory: '2Gi' } })], 25, 75],
  ];
  it.each(cases)('%s', (_name, pods, least, balanced) => {
    const info = only(infos([node('n')], pods));
    expect(leastAllocatedScore(p, info)).toBe(least);
    expect(balancedAllocationScore(p, info)).toBe(balanced);
  });

  it('least-allocated counts best-effort pods as 100m / 200Mi; balanced counts them as nothing', () => {
    const crowd = Array.from({ length: 10 }, (_, i) => bound(`be-${i}`, 'n'));
    const info = only(infos([node('n', { cpu: '1', memory: '4000Mi' })], crowd));
    const be = podFacts(pod('p'));
    // cpu (1000-1100) over capacity → 0; memory (4000-2200)*100/4000 = 45; (0+45)/2 = 22.
    expect(leastAllocatedScore(be, info)).toBe(22);
    expect(balancedAllocationScore(be, info)).toBe(100);
  });
});

describe('spreading pods of one owner (default PodTopologySpread)', () => {
  it('scores 40/60/100 for 2/1/0 siblings on three nodes', () => {
    // ln(5) per sibling + 2: raw 5, 4, 2 → 100*(5+2-raw)/5.
    const all = infos(
      [node('a'), node('b'), node('c')],
      [bound('s1', 'a', { owner: 'rs1' }), bound('s2', 'a', { owner: 'rs1' }), bound('s3', 'b', { owner: 'rs1' }), bound('other', 'c', { owner: 'rs2' })],
    );
    const facts = podFacts(pod('new', { owner: 'rs1' }));
    const counter = spreadCounter(facts, {});
    if (!counter) throw new Error('expected a group');
    expect(Object.fromEntries(spreadScores(facts, all, all, counter))).toEqual({ a: 40, b: 60, c: 100 });
  });

  it('is off for a pod without an owner', () => {
    expect(spreadCounter(podFacts(pod('solo')), {})).toBeUndefined();
  });

  it('prefers a node without siblings even when resources favour the other', () => {
    const nodes = [node('a', { cpu: '64', memory: '128Gi' }), node('b')];
    const small = { requests: { cpu: '10m', memory: '10Mi' } };
    const siblings = [1, 2, 3].map((i) => bound(`rs-${i}`, 'a', { ...small, owner: 'rs1' }));
    expect(schedule(pod('new', { ...small, owner: 'rs1' }), infos(nodes, siblings))).toEqual({ node: 'b' });
    // The same pod of another owner ties on resources and takes the first name.
    expect(schedule(pod('new', { ...small, owner: 'rs2' }), infos(nodes, siblings))).toEqual({ node: 'a' });
  });

  it('prefers another zone over another node in the same zone', () => {
    const nodes = [
      node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
      node('b', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
      node('c', { labels: { 'topology.kubernetes.io/zone': 'z2' } }),
    ];
    const all = infos(nodes, [bound('s1', 'a', { owner: 'rs1' })]);
    const facts = podFacts(pod('new', { owner: 'rs1' }));
    const counter = spreadCounter(facts, {});
    if (!counter) throw new Error('expected a group');
    // host ln(5), zone ln(4): raw a 9, b 7, c 6.
    expect(Object.fromEntries(spreadScores(facts, all, all, counter))).toEqual({ a: 66, b: 88, c: 100 });
    expect(schedule(pod('new', { owner: 'rs1' }), all)).toEqual({ node: 'c' });
  });

  it('accepts explicit per-node counts', () => {
    const all = infos([node('a'), node('b')]);
    const result = schedule(pod('new'), all, { podsByOwnerPerNode: new Map([['a', 4]]) });
    expect(result).toEqual({ node: 'b' });
  });

  it('counts by selector in the namespace, skipping terminating pods, when given one', () => {
    const selector = { requirements: [{ key: 'app', operator: 'Equals' as const, values: ['web'] }] };
    const pods = [
      bound('w1', 'a', { labels: { app: 'web' } }),
      bound('w2', 'b', { labels: { app: 'web' }, namespace: 'other' }),
      bound('w3', 'b', { labels: { app: 'web' }, deleting: true }),
      bound('w4', 'c', { labels: { app: 'web' } }),
    ];
    const facts = podFacts(pod('new', { labels: { app: 'web' } }));
    const counter = spreadCounter(facts, { spreadSelector: selector });
    if (!counter) throw new Error('expected a group');
    const all = infos([node('a'), node('b'), node('c')], pods);
    expect(all.map(counter)).toEqual([1, 0, 1]);
    expect(schedule(pod('new', { labels: { app: 'web' } }), all, { spreadSelector: selector })).toEqual({ node: 'b' });
  });

  it('spreads a ReplicaSet evenly when its pods are scheduled one after another', () => {
    let all = infos([node('a'), node('b'), node('c')]);
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = pod(`web-${i}`, { owner: 'rs1', requests: { cpu: '100m', memory: '64Mi' } });
      const result = schedule(p, all);
      if (!('node' in result)) throw new Error(result.message);
      placed.push(result.node);
      all = buildNodeInfos(
        all.map((n) => n.node),
        [...all.flatMap((n) => n.pods), { ...p, spec: { ...(p['spec'] as object), nodeName: result.node } }],
      );
    }
    expect(placed).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});

describe('other preferences', () => {
  it('avoids an untolerated PreferNoSchedule taint, unless tolerated', () => {
    const nodes = [node('a', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }), node('b')];
    expect(schedule(pod('p'), infos(nodes))).toEqual({ node: 'b' });
    expect(schedule(pod('p', { tolerations: [{ key: 'spot', operator: 'Exists' }] }), infos(nodes))).toEqual({ node: 'a' });
  });

  it('follows preferred node affinity', () => {
    const nodes = [node('a'), node('b', { labels: { disk: 'ssd' } })];
    const p = pod('p', {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } },
    });
    expect(schedule(p, infos(nodes))).toEqual({ node: 'b' });
  });

  it('prefers the emptier node', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const load = [bound('x', 'a', { requests: { cpu: '1', memory: '1Gi' } }), bound('y', 'b', { requests: { cpu: '100m' } })];
    expect(schedule(pod('p', { requests: { cpu: '500m', memory: '512Mi' } }), infos(nodes, load))).toEqual({ node: 'c' });
  });

  it('prefers the emptier node for best-effort pods too', () => {
    const nodes = [node('a'), node('b')];
    expect(schedule(pod('p'), infos(nodes, [bound('x', 'a'), bound('y', 'a')]))).toEqual({ node: 'b' });
  });

  it('breaks ties by node name without a picker, whatever the input order', () => {
    expect(schedule(pod('p'), infos([node('b'), node('c'), node('a')]))).toEqual({ node: 'a' });
    expect(bestNodes(new Map([['z', 5], ['y', 5], ['x', 4]]))).toEqual(['y', 'z']);
    expect(bestNodes(new Map())).toEqual([]);
  });

  it('lets the picker choose among the tied nodes only, as kube picks at random', () => {
    const offered: string[][] = [];
    const last = (tied: readonly string[]) => {
      offered.push([...tied]);
      return tied[tied.length - 1]!;
    };
    const load = [bound('x', 'c', { requests: { cpu: '1' } })];
    expect(schedule(pod('p'), infos([node('b'), node('c'), node('a')], load), { pickAmongBest: last })).toEqual({ node: 'b' });
    expect(offered).toEqual([['a', 'b']]);
    expect(() => schedule(pod('p'), infos([node('a'), node('b')]), { pickAmongBest: () => 'elsewhere' })).toThrow('not among the best nodes');
  });
});
