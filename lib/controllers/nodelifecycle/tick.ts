// The node lifecycle controller's clock. A dead agent writes nothing, so no change ever
// reaches the controller's queue for its node: the only way to notice the silence is to
// look again on a timer that runs with no API traffic at all (kube's nodeMonitorPeriod,
// 5 s, a goroutine loop). skiff has no long-lived process in AWS, so the timer is the
// queue itself: every pass over an existing node ends with a requeue-after, the delay
// queue brings the key back, and that pass asks for the next one — a chain of ticks.
//
// Each change to the node or its lease also triggers a pass, and if every pass asked for
// a tick, every lease renewal would start one more chain that never ends (SQS has no
// "one pending delay per key" like client-go's AddAfter). So this remembers, per node,
// when the tick it last asked for is due, and a pass before then asks for none: the
// pending tick will come. The first pass at or after that time (normally the tick
// itself) asks for the next. The result: at most one tick-driven pass per node per tick,
// however many changes came in between. (When the queue's round trip is longer than a
// tick, a few chains interleave to keep that rate; they never multiply.) If a tick is
// lost, the next pass after its due time — a change, or the periodic resync — starts the
// chain again.
//
// The memory is per process. Locally one process runs the controller. Lambda instances
// do not share it, so a node can carry one extra chain per instance that handled it
// while another instance's tick was pending; it ends as soon as it lands on an instance
// that has a tick pending.
export class TickSchedule {
  private readonly due = new Map<string, number>();

  /**
   * @param tickMs how often each node is looked at
   * @param slackMs a tick due within this much is treated as due now, so a tick that
   *   arrives a little early (clocks differ by a few ms) still continues its chain
   */
  constructor(readonly tickMs: number, private readonly slackMs = Math.min(1000, tickMs / 10)) {}

  /** The requeue-after for a pass over `node` at `nowMs`, or undefined when its tick is already pending. */
  next(node: string, nowMs: number): number | undefined {
    const pending = this.due.get(node);
    // Farther ahead than one tick can only be a clock that went back: do not trust it.
    if (pending !== undefined && pending - nowMs > this.slackMs && pending - nowMs <= this.tickMs) return undefined;
    this.due.set(node, nowMs + this.tickMs);
    return this.tickMs;
  }

  /** The node is gone: no more ticks, and nothing to remember. */
  forget(node: string): void {
    this.due.delete(node);
  }
}
