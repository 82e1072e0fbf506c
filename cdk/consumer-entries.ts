// Which Lambda entry consumes which work queue. The queue list in lib/ is the source of
// truth for what consumers exist; this map only says where each one's entry point is and
// how far it may scale. A queue with no mapping fails the synth (someone added a consumer
// and forgot its function); a mapped entry whose file does not exist yet is skipped with
// a synth warning, so the stacks deploy while consumers are still being written.
// Why a map and not a scan of functions/: entry names do not follow one pattern
// (scheduler.ts, *-controller.ts), and a scan would silently wire a misnamed file or skip
// a queue; here a missing consumer is an explicit warning naming the queue.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueDefinition } from '../lib/queue/queue-definitions.ts';
import { FUNCTIONS_DIR } from './bundling.ts';

export interface ConsumerEntry {
  /** File name in functions/. */
  entry: string;
  /**
   * The event source mapping's maximum concurrency (2-1000). FIFO delivery already limits
   * concurrency to the number of active message groups (keys); this caps the cost and the
   * write pressure on the table when many keys are busy at once.
   */
  maxConcurrency: number;
  memorySize: number;
  /** Work queues (besides the delay queue) this consumer sends keys to itself. */
  sendsTo?: readonly string[];
}

export const CONSUMER_ENTRIES: Readonly<Record<string, ConsumerEntry>> = {
  // Binds race through node accounting transactions, so a few workers are safe and useful.
  // It re-enqueues the pods waiting for a node when that node frees up, on its own queue.
  scheduler: { entry: 'scheduler.ts', maxConcurrency: 5, memorySize: 512, sendsTo: ['scheduler'] },
  replicaset: { entry: 'replicaset-controller.ts', maxConcurrency: 5, memorySize: 512 },
  deployment: { entry: 'deployment-controller.ts', maxConcurrency: 5, memorySize: 512 },
  garbagecollector: { entry: 'garbagecollector-controller.ts', maxConcurrency: 5, memorySize: 512 },
  namespace: { entry: 'namespace-controller.ts', maxConcurrency: 2, memorySize: 512 },
  nodelifecycle: { entry: 'nodelifecycle-controller.ts', maxConcurrency: 2, memorySize: 512 },
  endpoints: { entry: 'endpoints-controller.ts', maxConcurrency: 5, memorySize: 512 },
};

export interface ResolvedConsumers {
  ready: { definition: QueueDefinition; consumer: ConsumerEntry }[];
  /** Queues whose entry file is not there yet: created, alarmed, but not consumed. */
  missing: { definition: QueueDefinition; entry: string }[];
}

export function resolveConsumers(
  definitions: readonly QueueDefinition[],
  entries: Readonly<Record<string, ConsumerEntry>> = CONSUMER_ENTRIES,
  exists: (file: string) => boolean = (file) => existsSync(join(FUNCTIONS_DIR, file)),
): ResolvedConsumers {
  const result: ResolvedConsumers = { ready: [], missing: [] };
  for (const definition of definitions) {
    const consumer = entries[definition.name];
    if (!consumer) {
      throw new Error(`work queue "${definition.name}" has no consumer entry: add it to CONSUMER_ENTRIES in cdk/consumer-entries.ts`);
    }
    if (exists(consumer.entry)) result.ready.push({ definition, consumer });
    else result.missing.push({ definition, entry: consumer.entry });
  }
  return result;
}
