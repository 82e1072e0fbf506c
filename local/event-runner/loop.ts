// A polling loop that can be stopped cleanly: stop() lets the running iteration finish
// (so a handed-out batch is completed and acknowledged) and then resolves. It sleeps only
// when an iteration found no work: this is an event source, not a test synchroniser.
import type { Logger } from '../../lib/pipeline/queue-handler.ts';

export class Loop {
  private running = true;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly name: string, tick: () => Promise<boolean>, idleMs: number, log: Logger) {
    this.done = (async () => {
      while (this.running) {
        let worked = false;
        try {
          worked = await tick();
        } catch (err) {
          log({ msg: `${this.name} error`, error: err instanceof Error ? err.message : String(err) });
        }
        if (!worked && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, idleMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
  }
}
