// Lambda entry point for the apiserver, behind a function URL in RESPONSE_STREAM mode
// (watches are long, streamed responses): build deps once per container, hand every event
// to the same Hono app `skiff up` serves.
import { streamHandle } from 'hono/aws-lambda';
import { createApiServer } from '../lib/apiserver/app.ts';
import { awsDeps } from './aws-deps.ts';

const deps = awsDeps();
// Close watches before Lambda's 15-minute limit cuts them (the stack sets this; kubectl and
// informers simply re-watch).
deps.ctx.watch = { ...deps.ctx.watch, maxSeconds: Number(process.env['SKIFF_WATCH_MAX_SECONDS'] ?? 870) };
export const handler = streamHandle(createApiServer(deps.api));
