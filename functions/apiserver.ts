// Lambda entry point for the apiserver: build deps once per container, hand every event
// to the same Hono app `skiff up` serves.
import { handle } from 'hono/aws-lambda';
import { createApiServer } from '../lib/apiserver/app.ts';
import { awsDeps } from './aws-deps.ts';

export const handler = handle(createApiServer(awsDeps().api));
