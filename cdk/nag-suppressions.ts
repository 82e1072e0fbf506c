// The cdk-nag AwsSolutions findings skiff accepts, each with the reason it is right here.
// Everything else must pass: `npm run synth` fails on any unacknowledged error, and the
// assertion tests check that this list stays exactly this short.
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { SkiffStacks } from './skiff-app.ts';

export interface NagAcknowledgment {
  scope: IConstruct;
  id: string;
  reason: string;
}

/** cdk-nag's rules are acknowledged through CDK's validations, prefixed with the pack name. */
const rule = (id: string) => `AwsSolutions::${id}`;

export function nagAcknowledgments(stacks: SkiffStacks): NagAcknowledgment[] {
  const fanoutPolicy = stacks.compute.fanout.fanout.role.node.tryFindChild('DefaultPolicy');
  if (!fanoutPolicy) throw new Error('the fanout role has no default policy to acknowledge findings on');
  return [
    {
      scope: stacks.stateful.queues.streamFailures,
      id: rule('AwsSolutions-SQS3'),
      reason:
        'This queue is itself the end of the line: the on-failure destination of the stream mapping, holding ' +
        'metadata of skipped batches for an operator. A DLQ behind it would only move the same records again; ' +
        'an alarm fires on its first message instead.',
    },
    {
      scope: fanoutPolicy,
      id: rule('AwsSolutions-IAM5[Resource::*]'),
      reason:
        'dynamodb:ListStreams does not support resource-level permissions (Service Authorization Reference, ' +
        'Amazon DynamoDB actions); the Lambda stream mapping needs it. Every other stream action is scoped to ' +
        "this table's stream ARN.",
    },
  ];
}

export function applyNagSuppressions(stacks: SkiffStacks): void {
  for (const a of nagAcknowledgments(stacks)) Validations.of(a.scope).acknowledge({ id: a.id, reason: a.reason });
}
