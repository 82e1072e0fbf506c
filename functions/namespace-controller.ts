// Lambda entry point for the namespace controller, on its FIFO work queue. No CA bundle is
// passed: in AWS the apiserver is a function URL with AWS's own certificate and the cluster
// has no CA of its own, so no kube-root-ca.crt is published (ARCHITECTURE.md).
import { namespaceController } from '../lib/controllers/namespace/controller.ts';
import { createQueueHandler } from '../lib/pipeline/queue-handler.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createQueueHandler(namespaceController(deps.ctx), { queue: deps.queue, metrics: deps.metrics, clock: deps.clock, log });
