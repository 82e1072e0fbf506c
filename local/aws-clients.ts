// SDK clients pointed at the local emulators. Credentials and region are placeholders:
// DynamoDB Local runs with -sharedDb and the SQS emulator does not authenticate.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import { quietSdkLogger } from '../lib/core/sdk-logger.ts';

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, logger: quietSdkLogger };

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ ...LOCAL, endpoint, maxAttempts: 3 });
}

export function localSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ ...LOCAL, endpoint });
}

export function localStreamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ ...LOCAL, endpoint });
}
