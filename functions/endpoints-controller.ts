// Lambda entry point for the endpoints controller (Endpoints from Services and pods, and
// the ClusterIP reservations' repair), on its FIFO work queue.
import { endpointsController } from '../lib/controllers/endpoints/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(endpointsController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
