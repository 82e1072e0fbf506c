// Consumers come from lib/'s queue list: an unmapped queue fails the synth, and a mapped
// entry whose file is not written yet is skipped with a warning while its queue stays
// created and alarmed.
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../cdk/cdk-context.ts';
import { CONSUMER_ENTRIES, resolveConsumers } from '../../cdk/consumer-entries.ts';
import { ObjectsTable } from '../../cdk/constructs/objects-table.ts';
import { PipelineAlarms } from '../../cdk/constructs/pipeline-alarms.ts';
import { QueueConsumers } from '../../cdk/constructs/queue-consumers.ts';
import { WorkQueues } from '../../cdk/constructs/work-queues.ts';
import { workQueues } from '../../lib/queue/queue-definitions.ts';
import { objectsTable } from '../../lib/storage/table-definition.ts';

describe('resolveConsumers', () => {
  it('fails on a work queue that has no entry mapped', () => {
    expect(() => resolveConsumers([...workQueues, { name: 'jobs', visibilityTimeoutSeconds: 30 }]))
      .toThrow(/work queue "jobs" has no consumer entry/);
  });

  it('maps every queue in lib/ to an entry', () => {
    for (const def of workQueues) expect(CONSUMER_ENTRIES[def.name], def.name).toBeDefined();
  });

  it('sets a maximum concurrency Lambda accepts (2 to 1000) on every consumer', () => {
    for (const [name, c] of Object.entries(CONSUMER_ENTRIES)) {
      expect(c.maxConcurrency, name).toBeGreaterThanOrEqual(2);
      expect(c.maxConcurrency, name).toBeLessThanOrEqual(1000);
    }
  });

  it('separates entries whose file exists from those still missing', () => {
    const r = resolveConsumers(workQueues, CONSUMER_ENTRIES, (file) => file !== 'endpoints-controller.ts');
    expect(r.missing.map((m) => m.definition.name)).toEqual(['endpoints']);
    expect(r.ready).toHaveLength(workQueues.length - 1);
  });
});

describe('a consumer whose entry file is missing', () => {
  // A small stack of the real constructs (two queues, one consumer written, one not) rather
  // than the whole app: the behaviour under test is the consumers construct's.
  const defs = [{ name: 'scheduler', visibilityTimeoutSeconds: 30 }, { name: 'endpoints', visibilityTimeoutSeconds: 30 }];
  let stack: Stack;
  let queues: WorkQueues;
  let t: Template;
  beforeAll(() => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    stack = new Stack(app, 'consumers');
    const table = new ObjectsTable(stack, 'Objects', { definition: objectsTable, disposable: true }).table;
    queues = new WorkQueues(stack, 'Queues', { prefix: 'test', definitions: defs });
    const consumers = new QueueConsumers(stack, 'Consumers', {
      table, tableDefinition: objectsTable, work: queues.work, delay: queues.delay, logRetention: RetentionDays.ONE_DAY,
      consumers: resolveConsumers(defs, CONSUMER_ENTRIES, (file) => file !== 'endpoints-controller.ts'),
    });
    const functions = new Map([...consumers.functions].map(([name, f]) => [name, f.fn]));
    new PipelineAlarms(stack, 'Alarms', { queues: queues.pairs(), streamFailures: queues.streamFailures, fanout: functions.get('scheduler')!, functions });
    t = Template.fromStack(stack);
  });

  it('is skipped with a synth warning naming the file and the queue', () => {
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('functions/endpoints-controller.ts does not exist yet: queue "endpoints"'));
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.resourcePropertiesCountIs('AWS::Lambda::EventSourceMapping', { EventSourceArn: stack.resolve(queues.work.get('endpoints')!.queue.queueArn) }, 0);
    t.resourcePropertiesCountIs('AWS::Lambda::EventSourceMapping', { EventSourceArn: stack.resolve(queues.work.get('scheduler')!.queue.queueArn) }, 1);
  });

  it('leaves its queue created and alarmed', () => {
    const endpoints = queues.work.get('endpoints')!;
    t.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'test-endpoints.fifo' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: stack.resolve(endpoints.queue.queueName) }],
    });
  });
});
