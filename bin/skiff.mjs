#!/usr/bin/env node
// The published entry point: TypeScript sources run through tsx's loader, so there is
// no build step between a clone and `npm start`.
import { register } from 'tsx/esm/api';

// Node 20 is supported here; the SDK's notice about its own future Node 22 floor is noise for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../local/cli.ts');
