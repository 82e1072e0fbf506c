// Lambda entry point on the delay queue: forwards due requeue-afters to their FIFO queues.
import { createDelayForwarder } from '../lib/pipeline/requeue.ts';
import { awsDeps } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createDelayForwarder({ queue: deps.queue, clock: deps.clock });
