import { describe, expect, it } from 'vitest';
import { TickSchedule } from '../../../../lib/controllers/nodelifecycle/tick.ts';

describe('TickSchedule', () => {
  // Each step: a pass over node n1 at `at` ms; `want` is the requeue-after it asks for.
  const cases: { name: string; steps: { at: number; want: number | undefined }[] }[] = [
    { name: 'the first pass starts the chain', steps: [{ at: 0, want: 5000 }] },
    { name: 'the tick continues it', steps: [{ at: 0, want: 5000 }, { at: 5000, want: 5000 }, { at: 10_040, want: 5000 }] },
    {
      name: 'changes between ticks start no second chain',
      steps: [{ at: 0, want: 5000 }, { at: 1000, want: undefined }, { at: 2000, want: undefined }, { at: 4000, want: undefined }, { at: 5010, want: 5000 }],
    },
    { name: 'a tick a little early still continues (within the slack)', steps: [{ at: 0, want: 5000 }, { at: 4600, want: 5000 }] },
    {
      name: 'a change after a tick was due re-arms; the late tick then ends its chain',
      steps: [{ at: 0, want: 5000 }, { at: 5200, want: 5000 }, { at: 6000, want: undefined }],
    },
    { name: 'a lost tick: the next pass after its due time starts again', steps: [{ at: 0, want: 5000 }, { at: 300_000, want: 5000 }] },
    { name: 'a clock that went back does not silence the node', steps: [{ at: 100_000, want: 5000 }, { at: 0, want: 5000 }] },
  ];
  it.each(cases)('$name', ({ steps }) => {
    const ticks = new TickSchedule(5000);
    expect(steps.map((s) => ticks.next('n1', s.at))).toEqual(steps.map((s) => s.want));
  });

  it('keeps one chain per node', () => {
    const ticks = new TickSchedule(5000);
    expect([ticks.next('a', 0), ticks.next('b', 10), ticks.next('a', 20), ticks.next('b', 30)]).toEqual([5000, 5000, undefined, undefined]);
  });

  it('forgets a deleted node', () => {
    const ticks = new TickSchedule(5000);
    ticks.next('a', 0);
    ticks.forget('a');
    expect(ticks.next('a', 10)).toBe(5000);
  });

  it.each([[5000, 0], [5000, 1200], [500, 1200], [500, 2500]])('ticks at most once per tick however many changes came before (tick %i ms, delay +%i ms)', (tickMs, lateMs) => {
    // Changes every 100 ms for a minute, then none for a minute (the agent died); every
    // requeue comes back `lateMs` late (the delay queue rounds up to whole seconds).
    const ticks = new TickSchedule(tickMs);
    let inFlight: number[] = [];
    let quietPasses = 0;
    for (let t = 0; t <= 120_000; t += 10) {
      const arrived = inFlight.filter((a) => a <= t);
      inFlight = inFlight.filter((a) => a > t);
      const changes = t <= 60_000 && t % 100 === 0 ? [t] : [];
      for (const a of [...arrived, ...changes]) {
        if (t > 60_000) quietPasses++;
        const after = ticks.next('n1', a);
        if (after !== undefined) inFlight.push(a + after + lateMs);
      }
    }
    // Still ticking, never faster than one pass per tick (less the slack), never slower than one per round trip.
    expect(quietPasses).toBeLessThanOrEqual(Math.ceil(60_000 / (tickMs * 0.9)));
    expect(quietPasses).toBeGreaterThanOrEqual(Math.floor(60_000 / (tickMs + lateMs)));
  });
});
