// Lambda entry point for the node lifecycle controller, on its FIFO work queue. Its ticks
// come back through the delay queue (requeue-after), so it needs no schedule of its own.
import { nodeLifecycleController } from '../lib/controllers/nodelifecycle/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(nodeLifecycleController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
