// At most one pending timer for the earliest deadline asked for: a pod worker's next back-off
// end or probe period. Asking for a later deadline than the armed one changes nothing.

export class WakeTimer {
  private timer: NodeJS.Timeout | undefined;
  private at = Infinity;

  constructor(private readonly fire: () => void, private readonly nowMs: () => number) {}

  wakeAt(ms: number): void {
    if (ms >= this.at) return;
    this.clear();
    this.at = ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = Infinity;
      this.fire();
    }, Math.max(0, ms - this.nowMs()));
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Infinity;
  }
}
