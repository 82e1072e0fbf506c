// Lambda entry point on the objects table's stream (bisect on error, partial batch responses).
import { createFanoutHandler } from '../lib/pipeline/fanout-handler.ts';
import { routeChange } from '../lib/pipeline/fanout-routes.ts';
import { awsDeps, log } from './aws-deps.ts';

const deps = awsDeps();
export const handler = createFanoutHandler({ queue: deps.queue, route: routeChange, log, changeLog: deps.ctx.changes });
