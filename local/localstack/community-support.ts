// What the LocalStack profile relies on, in one place so a test can hold the stacks to it:
// the pinned image, and every CloudFormation resource type the skiff stacks use mapped to
// the LocalStack community service that provides it. A new resource type in cdk/ fails
// test/cdk/localstack.test.ts until someone checks LocalStack's coverage and adds it here.
// Source: LocalStack's service coverage pages (docs.localstack.cloud/aws/services/) for the
// community image; checked from the documentation, not by running LocalStack (no Docker here).

/**
 * The last LocalStack image that starts without an auth token (4.14.0, February 2026).
 * From 2026.03 on, `localstack/localstack` is one image that requires LOCALSTACK_AUTH_TOKEN.
 * It supports the nodejs24.x runtime (added in 4.11) and RESPONSE_STREAM function URLs.
 */
export const LOCALSTACK_IMAGE = 'localstack/localstack:4.14.0';

export const COMMUNITY_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'DynamoDB, with DynamoDB Streams',
  'AWS::SQS::Queue': 'SQS (FIFO, redrive to DLQs)',
  'AWS::SQS::QueuePolicy': 'SQS',
  'AWS::Lambda::Function': 'Lambda (functions run in Docker containers beside LocalStack)',
  'AWS::Lambda::EventSourceMapping': 'Lambda (DynamoDB Streams and SQS mappings)',
  'AWS::Lambda::Url': 'Lambda function URLs',
  'AWS::Lambda::Permission': 'Lambda',
  'AWS::IAM::Role': 'IAM (not enforced in the community image)',
  'AWS::IAM::Policy': 'IAM',
  'AWS::Logs::LogGroup': 'CloudWatch Logs',
  'AWS::Events::Rule': 'EventBridge rules (scheduled rules fire; Scheduler is not used)',
  'AWS::CloudWatch::Alarm': 'CloudWatch',
  'AWS::CloudWatch::Dashboard': 'CloudWatch',
  'AWS::SNS::Topic': 'SNS',
  'AWS::SNS::TopicPolicy': 'SNS',
  'AWS::SNS::Subscription': 'SNS (only with skiff:alarmEmail)',
  'AWS::CDK::Metadata': 'none: CDK version reporting, ignored by LocalStack',
};

/** What deploying needs besides the stacks' own resources (CDK bootstrap and asset publishing). */
export const DEPLOY_SERVICES = ['CloudFormation', 'S3 (assets)', 'SSM Parameter Store (bootstrap version)', 'STS', 'IAM (bootstrap roles)'] as const;
