// The SQS-compatible emulator (fauxqs) runs inside our own process: nothing to orphan,
// and it starts in milliseconds. It keeps no state across restarts; resync covers that.
// We build its app and listen ourselves so it binds loopback only (its own starter
// listens on every interface).
import { buildApp } from 'fauxqs';

export interface SqsEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSqsEmulator(opts: { port?: number } = {}): Promise<SqsEmulator> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  return {
    endpoint: address,
    stop: () => app.close(),
  };
}
