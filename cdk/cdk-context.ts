// cdk.json's context (skiff settings and feature flags), for the two ways the app runs
// without the CDK CLI handing it over: `npm run synth` (node runs cdk/app.ts directly, so
// a synth needs no CLI whose cloud assembly version must match aws-cdk-lib's) and the
// assertion tests. Either way the template is the one `cdk deploy` would produce.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bundling.ts';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** Under the CLI, context arrives in CDK_CONTEXT_JSON; only a direct run reads cdk.json. */
export function runByCdkCli(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['CDK_CONTEXT_JSON'] !== undefined || env['CDK_OUTDIR'] !== undefined;
}
