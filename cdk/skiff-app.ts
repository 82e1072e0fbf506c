// The two stacks of one skiff deployment, wired together. Shared by the CDK entry point
// (cdk/app.ts) and the assertion tests, so what is tested is what is deployed.
import type { App, Environment } from 'aws-cdk-lib';
import type { SkiffConfig } from './config.ts';
import { ComputeStack } from './compute-stack.ts';
import type { ResolvedConsumers } from './consumer-entries.ts';
import { StatefulStack } from './stateful-stack.ts';

export interface SkiffStacks {
  stateful: StatefulStack;
  compute: ComputeStack;
}

export function stackNames(name: string): { stateful: string; compute: string } {
  return { stateful: `${name}-stateful`, compute: `${name}-compute` };
}

export function buildSkiff(app: App, config: SkiffConfig, opts: { env?: Environment; consumers?: ResolvedConsumers } = {}): SkiffStacks {
  const names = stackNames(config.name);
  const description = 'skiff: a Kubernetes-compatible control plane on serverless primitives';
  const stateful = new StatefulStack(app, names.stateful, { config, env: opts.env, description: `${description} (table and queues)` });
  const compute = new ComputeStack(app, names.compute, {
    config, env: opts.env, description: `${description} (functions, schedule, alarms)`,
    table: stateful.objects.table, queues: stateful.queues, consumers: opts.consumers,
  });
  return { stateful, compute };
}
