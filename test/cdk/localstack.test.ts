// The LocalStack profile, checked without Docker: the stacks synthesize with the
// LocalStack settings, use only resource types the community image provides, and the
// compose file pins the image that runs without an auth token.
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cdkJsonContext } from '../../cdk/cdk-context.ts';
import { configFromContext } from '../../cdk/config.ts';
import { buildSkiff, type SkiffStacks } from '../../cdk/skiff-app.ts';
import { COMMUNITY_RESOURCE_TYPES, LOCALSTACK_IMAGE } from '../../local/localstack/community-support.ts';

let stacks: SkiffStacks;

beforeAll(() => {
  // As `npm run deploy:local` runs it: cdk.json's context plus -c skiff:localstack=true.
  const app = new App({ context: { ...cdkJsonContext(), 'skiff:localstack': 'true', 'aws:cdk:bundling-stacks': [] } });
  stacks = buildSkiff(app, configFromContext(app));
  app.synth();
});

const types = (stack: Stack) => Object.values(Template.fromStack(stack).toJSON()['Resources'] as Record<string, { Type: string }>).map((r) => r.Type);

describe('LocalStack profile', () => {
  it('uses only resource types the community image supports', () => {
    const used = new Set([...types(stacks.stateful), ...types(stacks.compute)]);
    const unsupported = [...used].filter((t) => !(t in COMMUNITY_RESOURCE_TYPES));
    expect(unsupported).toEqual([]);
  });

  it('makes the table disposable, so a LocalStack deployment can be torn down and redeployed', () => {
    Template.fromStack(stacks.stateful).hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    Template.fromStack(stacks.stateful).hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });

  it('schedules with an EventBridge rule, not EventBridge Scheduler (whose community targets do not fire)', () => {
    expect(types(stacks.compute)).toContain('AWS::Events::Rule');
    expect(types(stacks.compute)).not.toContain('AWS::Scheduler::Schedule');
  });

  it('pins the compose file to the image that starts without an auth token, passing a token through', () => {
    const compose = parse(readFileSync(new URL('../../local/localstack/docker-compose.yml', import.meta.url), 'utf8')) as {
      services: { localstack: { image: string; environment: string[] } };
    };
    expect(compose.services.localstack.image).toBe(LOCALSTACK_IMAGE);
    expect(compose.services.localstack.environment).toContain('LOCALSTACK_AUTH_TOKEN=${LOCALSTACK_AUTH_TOKEN:-}');
    expect(compose.services.localstack.environment).toContain('LAMBDA_IGNORE_ARCHITECTURE=1');
  });

  it('deploys with the LocalStack setting from npm run deploy:local', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['deploy:local']).toMatch(/cdklocal deploy .*-c skiff:localstack=true/);
  });
});
