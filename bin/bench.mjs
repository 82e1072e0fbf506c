#!/usr/bin/env node
// `npm run bench`: the TypeScript benchmarks run through tsx's loader, like bin/skiff.mjs.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../bench/run.ts');
