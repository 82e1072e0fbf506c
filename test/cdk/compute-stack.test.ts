// The compute stack, synthesized once with cdk-nag attached (bundling skipped: the
// bundling test and `npm run synth` cover esbuild). Checks the wiring the pipeline relies
// on, the alarms that make failures loud, and that each function's IAM is scoped.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../cdk/cdk-context.ts';
import { DEFAULT_CONFIG } from '../../cdk/config.ts';
import { CONSUMER_ENTRIES } from '../../cdk/consumer-entries.ts';
import { NODE_RUNTIME, type SkiffFunction } from '../../cdk/constructs/skiff-function.ts';
import { applyNagSuppressions, nagAcknowledgments } from '../../cdk/nag-suppressions.ts';
import { buildSkiff, type SkiffStacks } from '../../cdk/skiff-app.ts';
import { DELAY_QUEUE, workQueues } from '../../lib/queue/queue-definitions.ts';
import { changesTableName } from '../../lib/storage/table-definition.ts';

// Template JSON is untyped; tests index into it freely.
type Json = Record<string, any>;

let outdir: string;
let stacks: SkiffStacks;
let t: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'skiff-cdk-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  stacks = buildSkiff(app, DEFAULT_CONFIG);
  applyNagSuppressions(stacks);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth(); // throws on any unacknowledged cdk-nag error
  t = Template.fromStack(stacks.compute);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const resolve = (value: unknown): unknown => stacks.compute.resolve(value);
const logicalId = (fn: SkiffFunction): string => stacks.compute.getLogicalId(fn.fn.node.defaultChild as never);

/** Every statement of a function's role policy. */
function statements(fn: SkiffFunction): Json[] {
  const policyId = stacks.compute.getLogicalId(fn.role.node.findChild('DefaultPolicy').node.defaultChild as never);
  return t.toJSON()['Resources'][policyId]['Properties']['PolicyDocument']['Statement'] as Json[];
}

const actionsOf = (s: Json): string[] => [s['Action']].flat() as string[];
const resourcesOf = (s: Json): unknown[] => [s['Resource']].flat();

/** The resources a function may perform `action` on. */
function resourcesFor(fn: SkiffFunction, action: string): unknown[] {
  return statements(fn).filter((s) => actionsOf(s).includes(action)).flatMap(resourcesOf);
}

/** Keys of a function's QUEUE_URLS map (a Fn::Join of literal keys and queue URL tokens). */
function queueUrlKeys(fn: SkiffFunction): string[] {
  const env = t.toJSON()['Resources'][logicalId(fn)]['Properties']['Environment']['Variables'] as Json;
  const literal = JSON.stringify(env['QUEUE_URLS']);
  return [...literal.matchAll(/\\"([a-z-]+)\\":\\"/g)].map((m) => m[1]!).sort();
}

function allFunctions(): Map<string, SkiffFunction> {
  const c = stacks.compute;
  return new Map<string, SkiffFunction>([
    ['apiserver', c.api.server], ['fanout', c.fanout.fanout], ['delay-forwarder', c.forwarder.forwarder], ['resync', c.resync.resync],
    ...c.consumers.functions,
  ]);
}

const work = () => stacks.stateful.queues.work;
const queueArn = (name: string) => resolve(work().get(name)!.queue.queueArn);
const delayArn = () => resolve(stacks.stateful.queues.delay.queue.queueArn);

describe('cdk-nag', () => {
  it('passes AwsSolutions with exactly the justified acknowledgments', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Json;
    const nag = (report['pluginReports'] as Json[]).find((p) => p['pluginName'] === 'AwsSolutions')!;
    expect(nag['conclusion']).toBe('success');
    expect(nag['violations']).toEqual([]);
    const acknowledged = nagAcknowledgments(stacks);
    expect(acknowledged.map((a) => a.id).sort()).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'AwsSolutions::AwsSolutions-SQS3']);
    for (const a of acknowledged) expect(a.reason.length).toBeGreaterThan(80);
  });
});

describe('functions', () => {
  it('runs every function on arm64 and the newest Node.js runtime, with its own log group and retention', () => {
    const fns = t.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns)).toHaveLength(allFunctions().size);
    t.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: NODE_RUNTIME.name,
      Architectures: ['arm64'],
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } },
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), QUEUE_URLS: Match.anyValue() }) },
    });
    t.resourceCountIs('AWS::Logs::LogGroup', allFunctions().size);
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: DEFAULT_CONFIG.logRetentionDays });
  });

  it('has one consumer per work queue whose entry exists', () => {
    expect([...stacks.compute.consumers.functions.keys()].sort()).toEqual(workQueues.map((q) => q.name).sort());
  });

  it('serves the API through a streaming function URL with the 15 minute timeout watches need', () => {
    t.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM', TargetFunctionArn: { 'Fn::GetAtt': [logicalId(stacks.compute.api.server), 'Arn'] } });
    t.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('apiserver'), Timeout: 900 });
    t.hasOutput('ApiUrl', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'FunctionUrl'] } });
    t.hasOutput('TableName', {});
    t.hasOutput('Region', {});
  });

  it('gives each function only the queue URLs it uses', () => {
    const names = workQueues.map((q) => q.name);
    expect(queueUrlKeys(stacks.compute.api.server)).toEqual([]);
    expect(queueUrlKeys(stacks.compute.fanout.fanout)).toEqual([...names].sort());
    expect(queueUrlKeys(stacks.compute.resync.resync)).toEqual([...names].sort());
    expect(queueUrlKeys(stacks.compute.forwarder.forwarder)).toEqual([...names, DELAY_QUEUE].sort());
    for (const [name, fn] of stacks.compute.consumers.functions) {
      const expected = new Set([name, DELAY_QUEUE, ...(CONSUMER_ENTRIES[name]?.sendsTo ?? [])]);
      expect(queueUrlKeys(fn), name).toEqual([...expected].sort());
    }
  });
});

describe('event source mappings', () => {
  it('report batch item failures, every one of them', () => {
    const mappings = Object.values(t.findResources('AWS::Lambda::EventSourceMapping'));
    // the stream, one per consumer, the delay queue
    expect(mappings).toHaveLength(1 + stacks.compute.consumers.functions.size + 1);
    for (const m of mappings) expect(m['Properties']['FunctionResponseTypes']).toEqual(['ReportBatchItemFailures']);
  });

  it('read the stream from its start, bisect failing batches and record skipped ones', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: resolve(stacks.stateful.objects.table.tableStreamArn),
      FunctionName: { Ref: logicalId(stacks.compute.fanout.fanout) },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: resolve(stacks.stateful.queues.streamFailures.queueArn) } },
    });
  });

  it('consume each work queue in FIFO batches of at most 10 with bounded concurrency, within its visibility timeout', () => {
    for (const [name, fn] of stacks.compute.consumers.functions) {
      const def = workQueues.find((q) => q.name === name)!;
      t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: queueArn(name),
        FunctionName: { Ref: logicalId(fn) },
        BatchSize: 10,
        ScalingConfig: { MaximumConcurrency: CONSUMER_ENTRIES[name]!.maxConcurrency },
      });
      const timeout = t.toJSON()['Resources'][logicalId(fn)]['Properties']['Timeout'] as number;
      expect(timeout, name).toBeLessThanOrEqual(def.visibilityTimeoutSeconds);
    }
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: delayArn(),
      FunctionName: { Ref: logicalId(stacks.compute.forwarder.forwarder) },
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });
});

describe('schedule', () => {
  it('drives resync from an EventBridge rule (which LocalStack fires too)', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${DEFAULT_CONFIG.resyncMinutes} minutes)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stacks.compute.resync.resync), 'Arn'] } })],
    });
    t.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('alarms', () => {
  const alarmsOn = (dimension: string, value: unknown, metric: string) =>
    Object.values(t.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: metric, Dimensions: Match.arrayWith([{ Name: dimension, Value: value }]) },
    }));

  it('watches every dead-letter queue and every queue backlog', () => {
    for (const pair of stacks.stateful.queues.pairs()) {
      expect(alarmsOn('QueueName', resolve(pair.deadLetter.queueName), 'ApproximateNumberOfMessagesVisible'), `${pair.name} DLQ`).toHaveLength(1);
      expect(alarmsOn('QueueName', resolve(pair.queue.queueName), 'ApproximateAgeOfOldestMessage'), `${pair.name} age`).toHaveLength(1);
    }
    expect(alarmsOn('QueueName', resolve(stacks.stateful.queues.streamFailures.queueName), 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
  });

  it('watches the stream iterator age and every function for errors and throttles', () => {
    expect(alarmsOn('FunctionName', { Ref: logicalId(stacks.compute.fanout.fanout) }, 'IteratorAge')).toHaveLength(1);
    for (const [name, fn] of allFunctions()) {
      expect(alarmsOn('FunctionName', { Ref: logicalId(fn) }, 'Errors'), `${name} errors`).toHaveLength(1);
      expect(alarmsOn('FunctionName', { Ref: logicalId(fn) }, 'Throttles'), `${name} throttles`).toHaveLength(1);
    }
  });

  it('sends every alarm to the topic and has a dashboard', () => {
    t.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.anyValue() }], TreatMissingData: 'notBreaching' });
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('IAM', () => {
  const table = () => resolve(stacks.stateful.objects.table.tableArn);
  const changes = () => resolve(changesTableName(stacks.stateful.objects.table.tableArn));

  it('uses no managed policies and no wildcard actions; "*" resources only for dynamodb:ListStreams', () => {
    t.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    for (const [name, fn] of allFunctions()) {
      for (const s of statements(fn)) {
        for (const a of actionsOf(s)) expect(a, name).not.toContain('*');
        if (resourcesOf(s).includes('*')) expect(actionsOf(s), name).toEqual(['dynamodb:ListStreams']);
      }
    }
  });

  it('lets the apiserver use the two tables and nothing else', () => {
    const api = stacks.compute.api.server;
    expect(statements(api).flatMap(actionsOf).filter((a) => !a.startsWith('logs:')).every((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(resourcesFor(api, 'dynamodb:PutItem')).toEqual([table(), changes()]);
    expect(resourcesFor(api, 'dynamodb:Query')).toContainEqual(changes());
    expect(resourcesFor(api, 'dynamodb:DeleteItem')).toEqual([]);
    expect(resourcesFor(api, 'dynamodb:Scan')).toEqual([]);
  });

  it('lets the fanout write only the change log partition and send only to the work queues', () => {
    const fanout = stacks.compute.fanout.fanout;
    const writes = statements(fanout).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a)));
    expect(writes).toEqual([expect.objectContaining({
      Action: 'dynamodb:BatchWriteItem',
      Resource: changes(),
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['@changes'] } },
    })]);
    const sendTargets = resourcesFor(fanout, 'sqs:SendMessage');
    expect(sendTargets).toHaveLength(workQueues.length + 1); // + its on-failure destination
    for (const def of workQueues) expect(sendTargets).toContainEqual(queueArn(def.name));
    expect(sendTargets).not.toContainEqual(delayArn());
    expect(resourcesFor(fanout, 'sqs:ReceiveMessage')).toEqual([]);
  });

  it('lets each consumer receive only from its own queue and send only to the delay queue (and its declared targets)', () => {
    for (const [name, fn] of stacks.compute.consumers.functions) {
      expect(resourcesFor(fn, 'sqs:ReceiveMessage'), name).toEqual([queueArn(name)]);
      expect(resourcesFor(fn, 'sqs:DeleteMessage'), name).toEqual([queueArn(name)]);
      const sends = [delayArn(), ...(CONSUMER_ENTRIES[name]?.sendsTo ?? []).map(queueArn)];
      expect(resourcesFor(fn, 'sqs:SendMessage'), name).toEqual(expect.arrayContaining(sends));
      expect(resourcesFor(fn, 'sqs:SendMessage'), name).toHaveLength(sends.length);
    }
  });

  it('keeps the delay forwarder off the table entirely', () => {
    expect(statements(stacks.compute.forwarder.forwarder).flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('lets resync read and compact, but not put objects', () => {
    const resync = stacks.compute.resync.resync;
    expect(resourcesFor(resync, 'dynamodb:Query')).toContainEqual(table());
    expect(resourcesFor(resync, 'dynamodb:PutItem')).toEqual([]);
    expect(resourcesFor(resync, 'sqs:ReceiveMessage')).toEqual([]);
  });
});
