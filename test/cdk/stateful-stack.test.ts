// The stateful stack against the shared definitions in lib/: the table and every queue
// must be exactly what the local bootstrap creates, plus the cloud-only protections.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../cdk/cdk-context.ts';
import { DEFAULT_CONFIG } from '../../cdk/config.ts';
import { StatefulStack } from '../../cdk/stateful-stack.ts';
import { MAX_RECEIVE_COUNT, deadLetterQueueName, delayQueueName, queueName, workQueues } from '../../lib/queue/queue-definitions.ts';
import { changesTable, NODE_INDEX, objectsTable } from '../../lib/storage/table-definition.ts';

function synth(localstack: boolean): Template {
  const app = new App({ context: cdkJsonContext() });
  return Template.fromStack(new StatefulStack(app, 'stateful', { config: { ...DEFAULT_CONFIG, localstack } }));
}

/** The logical id of the one queue resource with this QueueName. */
function queueId(t: Template, name: string): string {
  const found = Object.keys(t.findResources('AWS::SQS::Queue', { Properties: { QueueName: name } }));
  expect(found, `queue ${name}`).toHaveLength(1);
  return found[0]!;
}

describe('stateful stack', () => {
  let t: Template;
  let local: Template;
  beforeAll(() => {
    t = synth(false);
    local = synth(true);
  });

  it('builds the objects table from the shared definition', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: objectsTable.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: objectsTable.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: objectsTable.streamView },
      TimeToLiveSpecification: { AttributeName: objectsTable.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: NODE_INDEX, Projection: { ProjectionType: 'ALL' } })],
    });
  });

  it('keeps the change log in its own table, named after the objects table, with no stream to feed back into the fanout', () => {
    const tables = t.findResources('AWS::DynamoDB::Table');
    const changes = Object.values(tables).find((r) => (r as { Properties: { StreamSpecification?: unknown } }).Properties.StreamSpecification === undefined) as { Properties: Record<string, unknown> } | undefined;
    expect(Object.keys(tables)).toHaveLength(2);
    expect(changes?.Properties['TableName']).toEqual({ 'Fn::Join': ['', [{ Ref: expect.stringMatching(/^ObjectsTable/) }, '-changes']] });
    expect(changes?.Properties['GlobalSecondaryIndexes']).toBeUndefined();
    expect(changes?.Properties['TimeToLiveSpecification']).toEqual({ AttributeName: changesTable.ttlAttribute, Enabled: true });
  });

  it('retains the table when the stack is deleted', () => {
    t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('makes LocalStack state disposable: no deletion protection, removed with the stack', () => {
    local.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
  });

  it('creates every work queue as FIFO with its DLQ after MAX_RECEIVE_COUNT receives', () => {
    for (const def of workQueues) {
      const dlq = queueId(t, deadLetterQueueName('skiff', def));
      t.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queueName('skiff', def),
        FifoQueue: true,
        ContentBasedDeduplication: false,
        VisibilityTimeout: def.visibilityTimeoutSeconds,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      t.hasResourceProperties('AWS::SQS::Queue', { QueueName: deadLetterQueueName('skiff', def), FifoQueue: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
  });

  it('creates the standard delay queue, with a DLQ of its own', () => {
    const dlq = queueId(t, `${delayQueueName('skiff')}-dlq`);
    t.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: delayQueueName('skiff'),
      FifoQueue: Match.absent(),
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  });

  it('encrypts every queue and refuses plain-HTTP access to it', () => {
    const queues = t.findResources('AWS::SQS::Queue');
    // 7 work queues and their DLQs, the delay queue and its DLQ, the stream failure queue.
    expect(Object.keys(queues)).toHaveLength(workQueues.length * 2 + 3);
    for (const q of Object.values(queues)) expect(q['Properties']['SqsManagedSseEnabled']).toBe(true);
    t.resourceCountIs('AWS::SQS::QueuePolicy', Object.keys(queues).length);
    t.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('uses high-throughput FIFO: dedup and throughput per message group (= object key)', () => {
    for (const def of workQueues) {
      t.hasResourceProperties('AWS::SQS::Queue', { QueueName: queueName('skiff', def), DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    }
  });

  it('deletes the queues with the stack (they hold keys, never state; resync refills them)', () => {
    t.allResources('AWS::SQS::Queue', { DeletionPolicy: 'Delete' });
  });

  it('outputs the table name', () => {
    t.hasOutput('TableName', {});
  });
});
