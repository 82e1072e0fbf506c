import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../lib/storage/object-store.ts';
import { accountingDelta, fitRequests, podRequests, scoreRequests } from '../../../lib/scheduler/pod-requests.ts';
import { DEFAULT_MAX_PODS, nodeAllocatable } from '../../../lib/scheduler/resources.ts';
import type { Resources } from '../../../lib/scheduler/resources.ts';
import { ctr, GiB, MiB, node, pod } from './fixtures.ts';

const always = { restartPolicy: 'Always' };

function res(milliCpu: bigint, memory: bigint, scalar: Record<string, bigint> = {}): Resources {
  return { milliCpu, memory, pods: 1n, scalar };
}

describe('fitRequests (kube PodRequests)', () => {
  const cases: [string, KubeObject, Resources][] = [
    ['no requests at all counts zero', pod('p'), res(0n, 0n)],
    ['one container', pod('p', { requests: { cpu: '500m', memory: '1Gi' } }), res(500n, GiB)],
    [
      'app containers add up',
      pod('p', { containers: [ctr('a', { cpu: '250m', memory: '128Mi' }), ctr('b', { cpu: '0.25', memory: '128Mi' })] }),
      res(500n, 256n * MiB),
    ],
    [
      'an init container bigger than the app sets the floor, per resource',
      pod('p', { containers: [ctr('a', { cpu: '100m', memory: '1Gi' })], initContainers: [ctr('i', { cpu: '1', memory: '512Mi' })] }),
      res(1000n, GiB),
    ],
    [
      'init containers run one at a time: the max, not the sum',
      pod('p', { containers: [ctr('a', { cpu: '200m' })], initContainers: [ctr('i1', { cpu: '300m' }), ctr('i2', { cpu: '700m' })] }),
      res(700n, 0n),
    ],
    [
      'a sidecar adds to the app and to every later init step',
      pod('p', {
        containers: [ctr('a', { cpu: '200m' })],
        initContainers: [ctr('side', { cpu: '100m' }, always), ctr('init', { cpu: '500m' })],
      }),
      res(600n, 0n),
    ],
    [
      'a sidecar declared after an init container does not add to it',
      pod('p', {
        containers: [ctr('a', { cpu: '200m' })],
        initContainers: [ctr('init', { cpu: '500m' }), ctr('side', { cpu: '100m' }, always)],
      }),
      res(500n, 0n),
    ],
    [
      'sidecars alone: steady state is app + sidecars',
      pod('p', { containers: [ctr('a', { cpu: '200m' })], initContainers: [ctr('s1', { cpu: '100m' }, always), ctr('s2', { cpu: '50m' }, always)] }),
      res(350n, 0n),
    ],
    ['limits only: requests default to the limits', pod('p', { limits: { cpu: '1', memory: '2Gi' } }), res(1000n, 2n * GiB)],
    [
      'a limit fills only the resources the requests leave out',
      pod('p', { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '1Gi' } }),
      res(100n, GiB),
    ],
    ['pod overhead is added once', pod('p', { requests: { cpu: '100m', memory: '64Mi' }, overhead: { cpu: '250m', memory: '120Mi' } }), res(350n, 184n * MiB)],
    [
      'sub-millicore amounts are summed exactly, then rounded up',
      pod('p', { containers: [ctr('a', { cpu: '0.5m' }), ctr('b', { cpu: '0.5m' })] }),
      res(1n, 0n),
    ],
    ['a fraction of a millicore rounds up', pod('p', { requests: { cpu: '100u' } }), res(1n, 0n)],
    ['decimal memory suffixes are bytes', pod('p', { requests: { memory: '100M' } }), res(0n, 100_000_000n)],
    [
      'extended resources, hugepages and ephemeral-storage are scalar; unknown names are ignored',
      pod('p', { requests: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '1Gi', foo: '3' } }),
      res(0n, 0n, { 'example.com/gpu': 2n, 'hugepages-2Mi': 4n * MiB, 'ephemeral-storage': GiB }),
    ],
  ];
  it.each(cases)('%s', (_name, p, want) => {
    expect(fitRequests(p)).toEqual(want);
    expect(podRequests(p)).toEqual(want);
  });
});

describe('scoreRequests (non-zero defaults 100m / 200Mi)', () => {
  const cases: [string, KubeObject, bigint, bigint][] = [
    ['a best-effort pod scores as 100m / 200Mi', pod('p'), 100n, 200n * MiB],
    ['each container gets the default', pod('p', { containers: [ctr('a'), ctr('b')] }), 200n, 400n * MiB],
    ['only the missing resource is defaulted', pod('p', { requests: { cpu: '1' } }), 1000n, 200n * MiB],
    ['an explicit zero stays zero', pod('p', { requests: { cpu: '0', memory: '0' } }), 0n, 0n],
    ['a limit counts as a request, not as missing', pod('p', { limits: { memory: '1Gi' } }), 100n, GiB],
    ['init containers are defaulted too', pod('p', { containers: [ctr('a')], initContainers: [ctr('i', { cpu: '1' })] }), 1000n, 200n * MiB],
    ['overhead on top', pod('p', { overhead: { cpu: '50m' } }), 150n, 200n * MiB],
  ];
  it.each(cases)('%s', (_name, p, cpu, memory) => {
    const r = scoreRequests(p);
    expect([r.milliCpu, r.memory]).toEqual([cpu, memory]);
  });

  it('fit requests stay zero for the same best-effort pod', () => {
    expect(fitRequests(pod('p'))).toEqual(res(0n, 0n));
  });
});

describe('accountingDelta', () => {
  it('is the exact fit request in millicores and bytes, plus one pod', () => {
    const p = pod('p', { containers: [ctr('a', { cpu: '1.5', memory: '1.5Gi' })], initContainers: [ctr('i', { cpu: '2' })] });
    expect(accountingDelta(p)).toEqual({ milliCpu: 2000n, memory: 1536n * MiB, pods: 1 });
  });

  it('is zero cpu and memory for a best-effort pod (scoring defaults are not committed)', () => {
    expect(accountingDelta(pod('p'))).toEqual({ milliCpu: 0n, memory: 0n, pods: 1 });
  });
});

describe('nodeAllocatable', () => {
  it('reads status.allocatable', () => {
    expect(nodeAllocatable(node('n', { cpu: '3500m', memory: '7Gi', pods: '58', extra: { 'example.com/gpu': '2' } }))).toEqual({
      milliCpu: 3500n,
      memory: 7n * GiB,
      pods: 58n,
      scalar: { 'example.com/gpu': 2n },
    });
  });

  it('falls back to status.capacity', () => {
    const n: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { capacity: { cpu: '2', memory: '1Gi', pods: '10' } } };
    expect(nodeAllocatable(n)).toEqual({ milliCpu: 2000n, memory: GiB, pods: 10n, scalar: {} });
  });

  it('defaults the pod count to 110 and counts missing cpu/memory as none', () => {
    const n: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { allocatable: { cpu: '1' } } };
    expect(nodeAllocatable(n)).toEqual({ milliCpu: 1000n, memory: 0n, pods: DEFAULT_MAX_PODS, scalar: {} });
    expect(nodeAllocatable({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } }).pods).toBe(110n);
  });
});
