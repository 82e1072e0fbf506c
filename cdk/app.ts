// The CDK app. `npm run synth` runs this file directly (writing cdk.out/); `cdk deploy` and
// `npm run deploy:local` (cdklocal) run it through the CLI. Stacks are environment-agnostic
// (no account lookups), so a synth needs no AWS account, and cdk-nag's AwsSolutions checks
// run on every synth, failing it on any unacknowledged error.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdkJsonContext, runByCdkCli } from './cdk-context.ts';
import { configFromContext } from './config.ts';
import { applyNagSuppressions } from './nag-suppressions.ts';
import { buildSkiff } from './skiff-app.ts';

const app = runByCdkCli() ? new App() : new App({ outdir: 'cdk.out', context: cdkJsonContext() });
const stacks = buildSkiff(app, configFromContext(app));
applyNagSuppressions(stacks);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
