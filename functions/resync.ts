// Lambda entry point for the scheduled resync (an EventBridge rule): every consumer's
// objects are re-enqueued so a lost message only delays convergence.
import { resync, RESYNC_SOURCES } from '../lib/pipeline/resync.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
/** Watches can resume from any revision of the last hour; older ones get 410 Gone. */
const CHANGE_RETENTION_MS = 60 * 60_000;
export async function handler(event: { time?: string }): Promise<Record<string, number>> {
  const counts = await resync({ store: deps.ctx.store, queue: deps.queue }, Object.keys(RESYNC_SOURCES), event.time ?? deps.clock.now().toISOString());
  const compacted = await deps.ctx.changes?.compact(new Date(deps.clock.now().getTime() - CHANGE_RETENTION_MS));
  log({ msg: 'resync', counts, compacted });
  return counts;
}
