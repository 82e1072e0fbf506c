// Lambda entry point for the scheduler, on its FIFO work queue (bounded concurrency is set
// on the event source mapping: several workers may bind at once; node accounting keeps
// them from overcommitting).
import { schedulerController } from '../lib/controllers/scheduler/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(schedulerController(deps.ctx, { queue: deps.queue }), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
