// Lambda entry point for the ReplicaSet controller, on its FIFO work queue.
import { replicaSetController } from '../lib/controllers/replicaset/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(replicaSetController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
