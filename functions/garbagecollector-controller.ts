// Lambda entry point for the garbage collector, on its FIFO work queue.
import { garbageCollectorController } from '../lib/controllers/garbagecollector/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(garbageCollectorController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
