// A periodic task that never overlaps itself: the next round is scheduled when the last
// one ends, so a slow apiserver stretches the period instead of piling up requests.

export interface Loop {
  /** Runs a round as soon as the current one ends. */
  nudge(): void;
  stop(): Promise<void>;
}

export function every(intervalMs: number, round: () => Promise<void>, onError: (err: unknown) => void): Loop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let nudged = false;
  const run = () => {
    timer = undefined;
    if (stopped) return;
    running = round().catch(onError).finally(() => {
      running = undefined;
      if (stopped) return;
      timer = setTimeout(run, nudged ? 0 : intervalMs);
      nudged = false;
    });
  };
  timer = setTimeout(run, 0);
  return {
    nudge() {
      if (running) nudged = true;
      else if (timer && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(run, 0);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
