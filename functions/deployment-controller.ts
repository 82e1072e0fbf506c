// Lambda entry point for the Deployment controller, on its FIFO work queue.
import { deploymentController } from '../lib/controllers/deployment/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(deploymentController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
