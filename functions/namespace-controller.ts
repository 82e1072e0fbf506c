// Lambda entry point for the namespace controller, on its FIFO work queue.
import { namespaceController } from '../lib/controllers/namespace/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(namespaceController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
