// One DynamoDB Local and one SQS emulator for the whole test run (a JVM per file would
// cost ~4 s and ~200 MB each); tests isolate themselves by table and queue names.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.ts';
import { startSqsEmulator, type SqsEmulator } from '../../local/sqs-emulator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sqsEndpoint: string;
  }
}

let ddb: DynamoDbLocal | undefined;
let sqs: SqsEmulator | undefined;

export async function setup(project: TestProject): Promise<void> {
  ddb = await startDynamoDbLocal();
  sqs = await startSqsEmulator();
  project.provide('dynamodbEndpoint', ddb.endpoint);
  project.provide('sqsEndpoint', sqs.endpoint);
}

export async function teardown(): Promise<void> {
  await sqs?.stop();
  await ddb?.stop();
}
